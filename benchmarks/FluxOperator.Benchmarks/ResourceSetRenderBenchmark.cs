using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Templating;

namespace FluxOperator.Benchmarks;

/// <summary>ResourceSet build speed: 1,000 input sets × 5 templates (4 <c>resources</c> items and one multi-document
/// <c>resourcesTemplate</c>), the shape of a tenant platform; prints wall time and allocated bytes per build.</summary>
internal static class ResourceSetRenderBenchmark
{
    private const string Resources = """
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: << inputs.tenant >>
            labels:
              toolkit.fluxcd.io/tenant: << inputs.tenant | slugify >>
        - apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: flux
            namespace: << inputs.tenant >>
        - apiVersion: source.toolkit.fluxcd.io/v1
          kind: OCIRepository
          metadata:
            name: << inputs.tenant >>-app
            namespace: << inputs.tenant >>
          spec:
            interval: 10m
            url: oci://ghcr.io/org/<< inputs.tenant >>
            ref:
              semver: << inputs.semver | quote >>
        - apiVersion: helm.toolkit.fluxcd.io/v2
          kind: HelmRelease
          metadata:
            name: << inputs.tenant >>-app
            namespace: << inputs.tenant >>
          spec:
            interval: 1h
            chartRef: {kind: OCIRepository, name: << inputs.tenant >>-app}
            values:
              replicas: << inputs.replicas | int >>
              resources: << inputs.resources | toYaml | nindent 8 >>
        """;

    private const string Template = """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: << inputs.tenant >>-settings
          namespace: << inputs.tenant >>
        data:
          id: "<< inputs.id >>"
          <<- range $k, $v := inputs.settings >>
          << $k >>: << $v | quote >>
          <<- end >>
        """;

    public static Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var resources = YamlDocuments.Parse(Resources).Single()!.AsArray().Select(n => n!.AsObject()).ToList();
        var inputs = Enumerable.Range(0, 1000).Select(i => new JsonObject
        {
            ["id"] = InputId.Compute($"tenant-{i}"),
            ["tenant"] = $"tenant-{i}",
            ["semver"] = ">=1.0.0",
            ["replicas"] = (i % 3 + 1).ToString(CultureInfo.InvariantCulture),
            ["resources"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "500m", ["memory"] = "256Mi" } },
            ["settings"] = new JsonObject { ["region"] = "eu-west-1", ["tier"] = i % 2 == 0 ? "gold" : "silver", ["debug"] = "false" },
        }).ToList();

        var objects = ResourceSetBuild.Build(Template, resources, inputs, TemplateLimits.Default, CancellationToken.None);
        Console.WriteLine($"resourceset-render benchmark: 1000 input sets x 5 templates -> {objects.Count} objects, {iterations} iterations");
        var times = new List<double>();
        var allocations = new List<long>();
        for (var i = 0; i < iterations; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            ResourceSetBuild.Build(Template, resources, inputs, TemplateLimits.Default, CancellationToken.None);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            allocations.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        times.Sort();
        allocations.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  build: median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms; allocated median {allocations[allocations.Count / 2] / (1024.0 * 1024.0):F1} MiB per build"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per object: {times[times.Count / 2] * 1000 / objects.Count:F1} µs, {allocations[allocations.Count / 2] / objects.Count / 1024.0:F1} KiB"));
        return Task.FromResult(0);
    }
}
