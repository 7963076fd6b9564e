using System.Diagnostics;
using System.Globalization;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Catalogue;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Tests.Rendering;

namespace FluxOperator.Benchmarks;

/// <summary>Render speed for a 6-component, 2-shard instance: in-process, whole <c>build instance</c> process, and <c>kubectl kustomize</c>.</summary>
/// <remarks>The kustomization handed to kubectl is generated from the same built-in patch data the renderer runs, so
/// both do the same work (release files are copied to a temp folder at run time, never into the repository).</remarks>
internal static class RenderBenchmark
{
    private const string InstanceYaml = """
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: flux-system
        spec:
          distribution:
            version: "2.x"
            registry: "ghcr.io/fluxcd"
          components: [source-controller, kustomize-controller, helm-controller, notification-controller, image-reflector-controller, image-automation-controller]
          cluster:
            size: medium
            multitenant: true
          sharding:
            shards: [shard1, shard2]
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var repository = FindRepositoryRoot();
        var distribution = Path.GetFullPath(Path.Combine(repository, "..", "shared", "flux-distribution"));
        var host = Path.Combine(repository, "src", "FluxOperator", "bin", "Release", "net10.0", "flux-operator.dll");
        using var scratch = new Scratch();
        var instanceFile = Path.Combine(scratch.Path, "instance.yaml");
        await File.WriteAllTextAsync(instanceFile, InstanceYaml);
        var instance = ApiYaml.ReadFluxInstance(InstanceYaml);

        Console.WriteLine($"render benchmark: 6 components, 2 shards, {iterations} iterations (medians)");
        var outcome = FluxInstanceBuilder.Build(instance, new BuildSources(distribution));
        Console.WriteLine($"  objects: {outcome.Result.Objects.Count}, revision {outcome.Result.Revision}");

        var build = Measure(iterations, () => FluxInstanceBuilder.Build(instance, new BuildSources(distribution)));
        Report("in-process build (read + parse + render)", build);

        var (parameters, release) = Prepare(instance, distribution);
        var render = Measure(iterations, () => FluxInstanceRenderer.Render(parameters, release));
        Report("in-process render (files parsed once)", render);

        var processRuns = Math.Max(3, iterations / 4);
        if (File.Exists(host))
        {
            var whole = await MeasureAsync(processRuns, () => RunAsync("dotnet", [host, "build", "instance", "-f", instanceFile, "-d", distribution]));
            Report("flux-operator build instance (process)", whole);
        }
        else
        {
            Console.WriteLine($"  (skipped process timing: build {host} first with dotnet build -c Release)");
        }

        var kustomization = WriteKustomization(scratch.Path, parameters, release);
        var kubectl = await MeasureAsync(processRuns, () => RunAsync("kubectl", ["kustomize", kustomization]));
        Report("kubectl kustomize (equivalent tree, process)", kubectl);
        return 0;
    }

    private static (BuildParameters Parameters, ReleaseManifests Release) Prepare(FluxInstance instance, string distribution)
    {
        var catalogue = DistributionCatalogue.Open(distribution);
        if (!catalogue.TrySelectVersion(instance.Spec.Distribution.Version, null, out var version, out var error)
            || !catalogue.TryResolveImages(version.Name, instance.Spec.Distribution.Registry, null, instance.Spec.ComponentsOrDefault, out var images, out error))
        {
            throw new InvalidOperationException(error);
        }

        var release = ReleaseManifests.Load(version.ReleaseDirectory);
        return (InstanceParameters.From(instance, version.Name) with { Images = images.Images }, release);
    }

    private static string WriteKustomization(string scratch, BuildParameters parameters, ReleaseManifests release)
    {
        var root = Path.Combine(scratch, "kustomization");
        foreach (var (path, text) in KustomizationTree.For(parameters, release))
        {
            var file = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        return root;
    }

    private static List<double> Measure(int iterations, Action action)
    {
        action(); // warm-up: JIT and file cache
        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> MeasureAsync(int iterations, Func<Task> action)
    {
        await action();
        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static void Report(string what, List<double> times)
    {
        times.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {what,-46} median {times[times.Count / 2],8:F1} ms   min {times[0],8:F1} ms   max {times[^1],8:F1} ms"));
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await error}");
        }
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FluxOperator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FluxOperator.sln not found above the benchmark binaries");
    }

    private sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("render-benchmark-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
