using System.Collections.Concurrent;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>Runs kustomize once per differential case, a few at a time, before the assertions read the results.</summary>
public sealed class OracleRuns
{
    private readonly ConcurrentDictionary<string, KustomizeOracle.Outcome> _outcomes = new(StringComparer.Ordinal);

    public OracleRuns()
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        Parallel.ForEachAsync(DifferentialCases.All, options, async (testCase, token) =>
            _outcomes[testCase.Name] = await KustomizeOracle.BuildAsync(testCase, token)).GetAwaiter().GetResult();
    }

    internal KustomizeOracle.Outcome this[string name] => _outcomes[name];
}
