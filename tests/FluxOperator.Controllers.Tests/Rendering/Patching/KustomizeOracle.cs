using System.Diagnostics;
using System.Text.Json;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>Runs <c>kubectl kustomize</c> (kustomize v5 built in) on a case written to a temporary folder: the oracle.</summary>
internal static class KustomizeOracle
{
    public sealed record Outcome(bool Succeeded, string Output, string Error);

    public static async Task<Outcome> BuildAsync(DifferentialCase testCase, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("kustomize-oracle-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "base.yaml"), KustomizeFixtures.Base, cancellationToken);
            var resources = "resources:\n- base.yaml\n";
            if (testCase.Nested is not null)
            {
                var nested = Directory.CreateDirectory(Path.Combine(root.FullName, "nested"));
                await File.WriteAllTextAsync(Path.Combine(nested.FullName, "base.yaml"), KustomizeFixtures.Base, cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(nested.FullName, "kustomization.yaml"),
                    "resources:\n- base.yaml\n" + testCase.Nested, cancellationToken);
                resources += "- nested\n";
            }

            await File.WriteAllTextAsync(Path.Combine(root.FullName, "kustomization.yaml"),
                resources + "sortOptions:\n  order: fifo\n" + testCase.Root, cancellationToken);
            return await RunAsync(root.FullName, cancellationToken);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Builds a release tree whose resources live outside the folder (read in place).</summary>
    public static async Task<Outcome> BuildAsync(ReleaseKustomization release, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("kustomize-release-");
        try
        {
            release.WriteTo(root.FullName);
            return await RunAsync(root.FullName, cancellationToken, "--load-restrictor", "LoadRestrictionsNone");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<Outcome> RunAsync(string directory, CancellationToken cancellationToken, params string[] options)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory, .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Outcome(process.ExitCode == 0, await output, Unquote(await error));
    }

    /// <summary>kubectl prints <c>err="…"</c> with Go quoting; the reason text is what we compare.</summary>
    private static string Unquote(string stderr)
    {
        var start = stderr.IndexOf("err=\"", StringComparison.Ordinal);
        var end = stderr.LastIndexOf('"');
        if (start < 0 || end <= start + 4)
        {
            return stderr;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(stderr[(start + 4)..(end + 1)]) ?? stderr;
        }
        catch (JsonException)
        {
            return stderr;
        }
    }
}
