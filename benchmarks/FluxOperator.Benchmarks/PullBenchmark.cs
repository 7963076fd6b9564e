using System.Diagnostics;
using System.Globalization;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using OciRegistryFixture;

namespace FluxOperator.Benchmarks;

/// <summary>
/// Pull time and memory for the full distribution through a local docker-registry: push once, then cold pulls
/// (download, verify, extract) and cache hits (HEAD + re-hash). Prints figures; asserts nothing.
/// </summary>
internal static class PullBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        await using var registry = await RegistryServer.StartAsync();
        var work = Directory.CreateTempSubdirectory("pull-bench-").FullName;
        try
        {
            var options = new OciClientOptions { PlainHttp = true };
            using var http = OciRegistryClient.CreateHttpClient(options);
            var client = new OciRegistryClient(registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
            var reference = OciReference.Parse($"oci://{registry.Host}/flux-operator-manifests:latest");
            var push = Stopwatch.StartNew();
            var pushed = await ArtifactPublisher.PushAsync(client, SharedDistribution.Root, reference, new ArtifactAnnotations { Created = DateTimeOffset.UnixEpoch }, CancellationToken.None);
            Console.WriteLine($"push: {push.Elapsed.TotalMilliseconds:0} ms, layer {pushed.LayerSize / 1024.0:0} KiB, {Directory.EnumerateFiles(SharedDistribution.Root, "*", SearchOption.AllDirectories).Count()} files");

            var cold = new List<double>();
            var allocated = new List<long>();
            for (var i = 0; i < rounds; i++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                await ArtifactPuller.PullAsync(client, reference, Path.Combine(work, $"cold-{i}"), new ExtractionLimits(), CancellationToken.None);
                cold.Add(watch.Elapsed.TotalMilliseconds);
                allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
            }

            using var store = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = Path.Combine(work, "cache"), Client = options }, TimeProvider.System);
            await store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);
            var hits = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                var hit = await store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);
                hits.Add(watch.Elapsed.TotalMilliseconds);
                if (!hit.ServedFromCache)
                {
                    throw new InvalidOperationException("expected a cache hit");
                }
            }

            using var self = Process.GetCurrentProcess();
            Console.WriteLine($"cold pull (manifest + verified blob + extraction), {rounds} rounds: median {Median(cold):0} ms, min {cold.Min():0} ms, max {cold.Max():0} ms");
            Console.WriteLine($"managed allocations per cold pull: median {Median(allocated.Select(a => (double)a)) / 1048576:0.0} MiB");
            Console.WriteLine($"cache hit (HEAD + content re-hash), {rounds} rounds: median {Median(hits):0} ms");
            Console.WriteLine($"peak working set of the process: {self.PeakWorkingSet64 / 1048576.0:0} MiB; GC heap now {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:0.0} MiB");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
