using System.Collections.Concurrent;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>Runs kustomize once per shipped release on the Flux-shaped tree, before the assertions read the results.</summary>
public sealed class ReleaseOracleRuns
{
    private readonly ConcurrentDictionary<string, KustomizeOracle.Outcome> _outcomes = new(StringComparer.Ordinal);

    public ReleaseOracleRuns()
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 3 };
        Parallel.ForEachAsync(SharedData.ReleaseFolders, options, async (folder, token) =>
            _outcomes[Path.GetFileName(folder)] = await KustomizeOracle.BuildAsync(new ReleaseKustomization(folder), token)).GetAwaiter().GetResult();
    }

    internal KustomizeOracle.Outcome this[string version] => _outcomes[version];
}
