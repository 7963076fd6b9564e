using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>Version, images and objects from the resolved distribution; failures are terminal.</summary>
public sealed partial class BuildPhase : IInstancePhase
{
    private readonly FluxInstanceReconcilerOptions _options;
    private readonly ReleaseCache _releases;
    private readonly InstanceEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the phase.</summary>
    public BuildPhase(FluxInstanceReconcilerOptions options, ReleaseCache releases, InstanceEvents events, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _releases = releases ?? throw new ArgumentNullException(nameof(releases));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggers.CreateLogger<BuildPhase>();
    }

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Build;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var root = pass.Source.Root;
        _releases.ForgetRemoved();
        BuildOutcome outcome;
        try
        {
            var sources = new BuildSources(root)
            {
                EmbeddedRoot = _options.StoragePath,
                LastAppliedRevision = pass.Status.LastAppliedRevision,
                LoadRelease = _releases.Load,
            };
            outcome = FluxInstanceBuilder.Build(pass.Instance, sources);
        }
        catch (Exception e) when (e is RenderException or IOException or InvalidOperationException or FormatException or YamlDotNet.Core.YamlException)
        {
            InstanceHistory.RecordInvalidSpec(pass, _time);
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"build failed: {e.Message}", terminal: true, e);
        }

        foreach (var notice in outcome.Notices)
        {
            LogBuildNotice(_logger, notice);
        }

        if (outcome.LatestVersion != outcome.Result.Version)
        {
            await _events.RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.OutdatedVersion, $"Flux {outcome.Result.Version} is outdated, the latest stable version is {outcome.LatestVersion}"), cancellationToken);
        }

        pass.Build = outcome;
        return PhaseResult.Continue;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Notice}")]
    private static partial void LogBuildNotice(ILogger logger, string notice);
}
