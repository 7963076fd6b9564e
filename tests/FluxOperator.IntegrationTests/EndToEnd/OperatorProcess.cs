using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>
/// The real <c>flux-operator run</c> executable as a child process against <see cref="E2eCluster"/>, reading the
/// shared distribution in place; its output is kept for failure messages, never asserted on.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _temp;

    private OperatorProcess(Process process, string temp, int healthPort, int metricsPort)
    {
        _process = process;
        _temp = temp;
        HealthPort = healthPort;
        MetricsPort = metricsPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HealthPort { get; }

    public int MetricsPort { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the operator; leader election is off unless <paramref name="leaderElection"/>.</summary>
    public static OperatorProcess Start(E2eCluster cluster, bool leaderElection = false, params string[] extra) =>
        Start(cluster, new Dictionary<string, string>(), leaderElection, extra);

    /// <summary>Starts the operator with extra environment variables.</summary>
    public static OperatorProcess Start(E2eCluster cluster, IReadOnlyDictionary<string, string> environment, bool leaderElection = false, params string[] extra) =>
        Start(cluster, environment, ["run"], leaderElection, extra);

    /// <summary>Starts the operator as upstream's manifests do: flags only, no subcommand.</summary>
    public static OperatorProcess StartWithFlagsOnly(E2eCluster cluster, params string[] extra) =>
        Start(cluster, new Dictionary<string, string>(), [], leaderElection: false, extra);

    private static OperatorProcess Start(E2eCluster cluster, IReadOnlyDictionary<string, string> environment, string[] subcommand, bool leaderElection, string[] extra)
    {
        var temp = Directory.CreateTempSubdirectory("flux-operator-e2e-").FullName;
        var (health, metrics) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flux-operator.dll"));
        foreach (var arg in subcommand.Concat(new[]
        {
            $"--storage-path={OciRegistryFixture.SharedDistribution.Root}",
            $"--health-addr=127.0.0.1:{health}",
            $"--metrics-addr=127.0.0.1:{metrics}",
            $"--enable-leader-election={(leaderElection ? "true" : "false")}",
            "--min-retry-delay=200ms",
            "--max-retry-delay=2s",
            "--log-level=debug",
        }).Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = cluster.OperatorKubeconfigPath;
        start.Environment["RUNTIME_NAMESPACE"] = E2eCluster.Namespace;
        start.Environment["TMPDIR"] = temp;
        start.Environment.Remove("KUBERNETES_SERVICE_HOST");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start flux-operator");
        return new OperatorProcess(process, temp, health, metrics);
    }

    /// <summary>Reads <c>/metrics</c>.</summary>
    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{MetricsPort}/metrics"));
    }

    /// <summary>Reads <c>/healthz</c>; null when not answering.</summary>
    public async Task<string?> HealthzAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return await http.GetStringAsync(new Uri($"http://127.0.0.1:{HealthPort}/healthz"));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The process's peak resident set so far (<c>VmHWM</c> of <c>/proc/&lt;pid&gt;/status</c>), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The sum of a metric's series whose <paramref name="label"/> is <paramref name="value"/>; 0 when there is none.</summary>
    public async Task<double> MetricSumAsync(string metric, string value, string label = "controller")
    {
        var selector = $"{label}=\"{value}\"";
        return (await MetricsAsync()).Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains(selector, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Reads <c>/readyz</c>; null when not answering.</summary>
    public async Task<string?> ReadyzAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return await http.GetStringAsync(new Uri($"http://127.0.0.1:{HealthPort}/readyz"));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM, then wait for a graceful exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no lease release, no cleanup.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_temp, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail: enough to explain a failure.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
