using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.Benchmarks;

/// <summary>
/// FluxReport computation time and the operator's peak memory for 1k, 10k and 50k Flux objects. Each size runs in
/// two child processes of this program: one hosts the seeded API emulator, the other is the "operator" that only
/// computes the report, so its peak working set is the report's alone. Prints figures; asserts nothing.
/// </summary>
internal static class ReportBenchmark
{
    private static readonly (string Group, string Version, string Kind, string Plural, long Size)[] Kinds =
    [
        ("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations", 0),
        ("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases", 0),
        ("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories", 40_000),
        ("source.toolkit.fluxcd.io", "v1", "OCIRepository", "ocirepositories", 9_000),
        ("source.toolkit.fluxcd.io", "v1", "HelmChart", "helmcharts", 3_000),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["emulator", var count]:
                return await EmulatorAsync(int.Parse(count, CultureInfo.InvariantCulture));
            case ["operator", var kubeconfig, var resourceInfo]:
                return await OperatorAsync(kubeconfig, resourceInfo == "on");
        }

        int[] sizes = args.Length > 0 ? [.. args.Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [1_000, 10_000, 50_000];
        Console.WriteLine("objects | flux_resource_info | first pass | warm pass | operator peak working set | peak GC heap | operator CPU (both passes) | allocated per pass | counted");
        foreach (var size in sizes)
        {
            using var emulator = Child("emulator", size.ToString(CultureInfo.InvariantCulture));
            var kubeconfig = await emulator.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the emulator did not start");
            foreach (var resourceInfo in new[] { "off", "on" })
            {
                using var op = Child("operator", kubeconfig, resourceInfo);
                var line = await op.StandardOutput.ReadLineAsync();
                await op.WaitForExitAsync();
                Console.WriteLine($"{size,7} | {resourceInfo,-3} | {line}");
            }
            emulator.StandardInput.Close();
            await emulator.WaitForExitAsync();
        }

        return 0;
    }

    private static Process Child(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ReportBenchmark).Assembly.Location); // started as `dotnet FluxOperator.Benchmarks.dll`
        }

        start.ArgumentList.Add("report");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("cannot start a child process");
    }

    private static async Task<int> EmulatorAsync(int count)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"report-bench-{Environment.ProcessId}.kubeconfig");
        await using var api = await KubeApiServer.StartAsync(new KubeApiServerOptions { KubeconfigPath = kubeconfig });
        api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "flux-system" } });
        for (var t = 0; t < 10; t++)
        {
            api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = $"team-{t}" } });
        }

        foreach (var kind in Kinds)
        {
            api.Seed(Crd(kind.Group, kind.Version, kind.Kind, kind.Plural));
        }

        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            api.Seed(FluxObject(kind.Group + "/" + kind.Version, kind.Kind, i, kind.Size));
        }

        Console.WriteLine(kubeconfig);
        await Console.In.ReadToEndAsync(); // until the parent closes stdin
        File.Delete(kubeconfig);
        return 0;
    }

    private static async Task<int> OperatorAsync(string kubeconfig, bool resourceInfo)
    {
        using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var client = new KubeApiClient(kubernetes);
        var collector = new ReportCollector(client, new ReportOptions { Namespace = "flux-system", ResourceInfoMetrics = resourceInfo });
        long peakHeap = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var first = Stopwatch.StartNew();
        var report = await collector.ComputeAsync(CancellationToken.None);
        first.Stop();
        var warm = Stopwatch.StartNew();
        report = await collector.ComputeAsync(CancellationToken.None);
        warm.Stop();
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 2;
        await sampling.CancelAsync();
        await sampler;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var objects = report.Spec.Reconcilers?.Sum(r => r.Stats.Running + r.Stats.Suspended) ?? -1;
        var errors = report.Errors.Count > 0 ? " errors: " + string.Join("; ", report.Errors) : "";
        Console.WriteLine($"{first.Elapsed.TotalMilliseconds,7:0} ms | {warm.Elapsed.TotalMilliseconds,6:0} ms | {self.PeakWorkingSet64 / 1048576.0,8:0} MiB | {peakHeap / 1048576.0,6:0.0} MiB | {self.TotalProcessorTime.TotalMilliseconds,6:0} ms | {allocated / 1048576.0,6:0} MiB | {objects}{errors}");
        return 0;
    }

    private static JsonObject Crd(string group, string version, string kind, string plural) => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = $"{plural}.{group}", ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "flux", ["app.kubernetes.io/version"] = "v2.7.0" } },
        ["spec"] = new JsonObject
        {
            ["group"] = group,
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject { ["kind"] = kind, ["plural"] = plural, ["singular"] = kind.ToLowerInvariant(), ["listKind"] = kind + "List" },
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = version, ["served"] = true, ["storage"] = true,
                ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
            }),
        },
    };

    // Objects of a realistic size: a few labels, a spec, a status with conditions and an artifact.
    private static JsonObject FluxObject(string apiVersion, string kind, int i, long size)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = 1,
            ["lastHandledReconcileAt"] = "2026-01-01T00:00:00Z",
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = i % 10 == 3 ? "False" : "True", ["reason"] = i % 10 == 3 ? "ReconciliationFailed" : "ReconciliationSucceeded",
                ["message"] = "Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567", ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
            }),
        };
        if (size > 0)
        {
            status["artifact"] = new JsonObject { ["size"] = size, ["revision"] = "main@sha1:0123456789abcdef0123456789abcdef01234567", ["digest"] = "sha256:" + new string('a', 64) };
        }

        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{kind.ToLowerInvariant()}-{i}", ["namespace"] = $"team-{i % 10}",
                ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "app", ["toolkit.fluxcd.io/tenant"] = $"team-{i % 10}" },
            },
            ["spec"] = new JsonObject { ["interval"] = "10m", ["suspend"] = i % 17 == 0, ["path"] = "./deploy/apps", ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "fleet" } },
            ["status"] = status,
        };
    }
}
