using System.Diagnostics;

namespace OciRegistryFixture;

/// <summary>Writes an htpasswd file with a bcrypt entry (the registry accepts bcrypt only) using <c>htpasswd -Bbn</c>.</summary>
public static class Htpasswd
{
    /// <summary>Creates <paramref name="path"/> with one user.</summary>
    public static async Task WriteAsync(string path, string username, string password, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("htpasswd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-Bbn", username, password })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("htpasswd did not start (apache2-utils installed?)");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"htpasswd failed ({process.ExitCode}): {error}");
        }

        await File.WriteAllTextAsync(path, output.Trim() + "\n", cancellationToken);
    }
}
