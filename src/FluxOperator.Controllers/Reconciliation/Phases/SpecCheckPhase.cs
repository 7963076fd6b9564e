using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Versioning;
using NuGet.Versioning;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>
/// The checks before a build. In-cluster, the embedded store must be sane. Then the API server's schema and CEL
/// rules plus the checks it cannot make, run here too: a cluster (or emulator) that did not enforce them must not
/// get a half-valid install. Bad input is terminal (Stalled), never a retry storm.
/// </summary>
public sealed class SpecCheckPhase : IInstancePhase
{
    private readonly FluxInstanceReconcilerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the phase.</summary>
    public SpecCheckPhase(FluxInstanceReconcilerOptions options, TimeProvider time)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Build;

    /// <inheritdoc />
    public Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        Preflight();
        var problems = FluxInstanceManifest.Errors(pass.Instance);
        if (problems.Count > 0)
        {
            InstanceHistory.RecordInvalidSpec(pass, _time);
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"build failed: invalid spec: {string.Join("; ", problems)}", terminal: true);
        }

        return Task.FromResult(PhaseResult.Continue);
    }

    private void Preflight()
    {
        if (!_options.InCluster)
        {
            return;
        }

        if (!Directory.Exists(_options.StoragePath))
        {
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"storage path {_options.StoragePath} does not exist", terminal: true) { Quiet = true };
        }

        var file = Path.Combine(_options.StoragePath, "flux-images", "VERSION");
        string text;
        try
        {
            text = File.ReadAllText(file).Trim();
        }
        catch (IOException e)
        {
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"failed to read Flux version info from {file}: {e.Message}", terminal: true, e) { Quiet = true };
        }

        if (!LenientVersion.TryParse(text, out var version) || version < new SemanticVersion(2, 2, 0))
        {
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"version compatibility check failed: constraint '{text}' >= '2.2.0' not satisfied", terminal: true) { Quiet = true };
        }
    }
}
