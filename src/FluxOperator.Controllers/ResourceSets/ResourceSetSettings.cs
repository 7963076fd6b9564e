using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Reporting;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>The ResourceSet annotations that steer a pass, with the documented fallbacks.</summary>
/// <param name="Disabled"><c>fluxcd.controlplane.io/reconcile: disabled</c> (any case).</param>
/// <param name="ReconcileEvery">The periodic interval; null when zero (no periodic pass).</param>
/// <param name="ReconcileTimeout">Default health-check budget of a step.</param>
/// <param name="RequestedAt"><c>reconcile.fluxcd.io/requestedAt</c>, if present.</param>
/// <param name="Force"><c>fluxcd.controlplane.io/force: enabled</c> (any case): recreate on immutable-field errors.</param>
public sealed record ResourceSetSettings(bool Disabled, TimeSpan? ReconcileEvery, TimeSpan ReconcileTimeout, string? RequestedAt, bool Force) : IPassSettings
{
    /// <summary>Default periodic interval.</summary>
    public static TimeSpan DefaultReconcileEvery { get; } = TimeSpan.FromHours(1);

    /// <summary>Default health-check budget.</summary>
    public static TimeSpan DefaultReconcileTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Why an annotation's value was raised to its floor (one Warning event each); empty when none was.</summary>
    public IReadOnlyList<string> FloorWarnings { get; init; } = [];

    /// <summary>
    /// Reads the annotations of <paramref name="set"/>; unparsable durations fall back to the defaults, values below
    /// <paramref name="floors"/> (default <see cref="IntervalFloors.Default"/>) are raised to them, as for FluxInstances:
    /// a tenant's typo such as <c>1ms</c> must not make the operator loop without pause.
    /// </summary>
    public static ResourceSetSettings Of(ResourceSet set, IntervalFloors? floors = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        floors ??= IntervalFloors.Default;
        var every = InstanceSettings.Duration(set.Annotation(AnnotationKeys.ReconcileEvery)) ?? DefaultReconcileEvery;
        var timeout = InstanceSettings.Duration(set.Annotation(AnnotationKeys.ReconcileTimeout)) ?? DefaultReconcileTimeout;
        every = IntervalFloors.Clamp(every, floors.Periodic, AnnotationKeys.ReconcileEvery, out var everyWarning);
        timeout = IntervalFloors.Clamp(timeout, floors.Timeout, AnnotationKeys.ReconcileTimeout, out var timeoutWarning);
        return new ResourceSetSettings(
            set.IsDisabled,
            every > TimeSpan.Zero && !set.IsDisabled ? every : null,
            timeout > TimeSpan.Zero ? timeout : DefaultReconcileTimeout,
            set.Annotation(AnnotationKeys.RequestedAt),
            string.Equals(set.Annotation(AnnotationKeys.Force), AnnotationKeys.EnabledValue, StringComparison.OrdinalIgnoreCase))
        {
            FloorWarnings = new[] { everyWarning, timeoutWarning }.OfType<string>().ToArray(),
        };
    }
}
