using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The FluxInstance annotations that steer a pass, parsed with the documented fallbacks.</summary>
/// <param name="Disabled"><c>fluxcd.controlplane.io/reconcile: disabled</c> (any case).</param>
/// <param name="ReconcileEvery">The periodic interval; null when zero or negative (no periodic pass).</param>
/// <param name="ReconcileTimeout">The health-check budget.</param>
/// <param name="RequestedAt"><c>reconcile.fluxcd.io/requestedAt</c>, if present.</param>
/// <param name="ForceAt"><c>reconcile.fluxcd.io/forceAt</c>, if present.</param>
public sealed record InstanceSettings(bool Disabled, TimeSpan? ReconcileEvery, TimeSpan ReconcileTimeout, string? RequestedAt, string? ForceAt) : IPassSettings
{
    /// <summary>Default periodic interval.</summary>
    public static TimeSpan DefaultReconcileEvery { get; } = TimeSpan.FromHours(1);

    /// <summary>Default health-check budget.</summary>
    public static TimeSpan DefaultReconcileTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Why an annotation's value was raised to its floor (one Warning event each); empty when none was.</summary>
    public IReadOnlyList<string> FloorWarnings { get; init; } = [];

    /// <summary>
    /// Reads the annotations of <paramref name="instance"/>; unparsable durations fall back to the defaults, values
    /// below <paramref name="floors"/> (default <see cref="IntervalFloors.Default"/>) are raised to them.
    /// </summary>
    public static InstanceSettings Of(FluxInstance instance, IntervalFloors? floors = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        floors ??= IntervalFloors.Default;
        var every = Duration(instance.Annotation(AnnotationKeys.ReconcileEvery)) ?? DefaultReconcileEvery;
        var timeout = Duration(instance.Annotation(AnnotationKeys.ReconcileTimeout)) ?? DefaultReconcileTimeout;
        every = IntervalFloors.Clamp(every, floors.Periodic, AnnotationKeys.ReconcileEvery, out var everyWarning);
        timeout = IntervalFloors.Clamp(timeout, floors.Timeout, AnnotationKeys.ReconcileTimeout, out var timeoutWarning);
        return new InstanceSettings(
            instance.IsDisabled,
            every > TimeSpan.Zero ? every : null,
            timeout > TimeSpan.Zero ? timeout : DefaultReconcileTimeout,
            instance.Annotation(AnnotationKeys.RequestedAt),
            instance.Annotation(AnnotationKeys.ForceAt))
        {
            FloorWarnings = new[] { everyWarning, timeoutWarning }.OfType<string>().ToArray(),
        };
    }

    /// <summary>Go durations with an optional sign; a bare <c>0</c> is valid; null when absent or unparsable.</summary>
    internal static TimeSpan? Duration(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        var negative = text[0] == '-';
        var body = text[0] is '-' or '+' ? text[1..] : text;
        if (!GoDuration.TryParse(body, out var nanoseconds))
        {
            return null;
        }

        var value = TimeSpan.FromTicks(nanoseconds / 100);
        return negative ? -value : value;
    }
}
