using System.Diagnostics;
using System.Net.Sockets;

namespace KubeApiEmulator.Tests.Clients;

/// <summary>The standalone emulator stops on SIGTERM and SIGINT like any server started by hand: watches end, the port is freed.</summary>
public sealed class StandaloneProcessTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_stops_the_server_closes_watches_and_releases_the_port(string signal)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"standalone-{Guid.NewGuid():N}.kubeconfig");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { typeof(KubeApiServer).Assembly.Location, "--port", "0", "--kubeconfig", kubeconfig })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var url = new Uri((await process.StandardOutput.ReadLineAsync(ready.Token))!);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var watch = await http.GetAsync(new Uri(url, "/api/v1/namespaces?watch=1"), HttpCompletionOption.ResponseHeadersRead, ready.Token);
            await using var stream = await watch.Content.ReadAsStreamAsync(ready.Token);
            using var reader = new StreamReader(stream);
            Assert.Contains("\"ADDED\"", await reader.ReadLineAsync(ready.Token), StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(ready.Token);
            }

            await process.WaitForExitAsync(ready.Token);
            Assert.Equal(0, process.ExitCode);

            // The open watch ended (remaining initial events, then end of stream) and nothing listens on the port.
            while (await reader.ReadLineAsync(ready.Token) is not null)
            {
            }

            using var probe = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(async () => await probe.ConnectAsync(url.Host, url.Port, ready.Token));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            File.Delete(kubeconfig);
        }
    }
}
