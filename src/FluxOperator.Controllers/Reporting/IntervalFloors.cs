namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// The shortest intervals and timeouts an annotation or flag may ask for. A value below its floor (a typo such as
/// <c>1ms</c> for <c>1m</c>) is raised to the floor and reported, instead of making the operator loop without pause.
/// </summary>
public sealed record IntervalFloors
{
    /// <summary>Floor of periodic passes: <c>reconcileEvery</c>, <c>reconcileArtifactEvery</c>, the report interval.</summary>
    public TimeSpan Periodic { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Floor of <c>reconcileTimeout</c> (the health-check budget).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The documented defaults.</summary>
    public static IntervalFloors Default { get; } = new();

    /// <summary>
    /// <paramref name="value"/> raised to <paramref name="floor"/> when it is positive and shorter; <paramref name="warning"/>
    /// names the annotation (or a <c>--flag</c>), the value given and the value used. Zero and negative values pass unchanged (they mean "off").
    /// </summary>
    public static TimeSpan Clamp(TimeSpan value, TimeSpan floor, string annotation, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return ClampNamed(value, floor, annotation.StartsWith("--", StringComparison.Ordinal) ? $"flag {annotation}" : $"annotation {annotation}", out warning);
    }

    private static TimeSpan ClampNamed(TimeSpan value, TimeSpan floor, string source, out string? warning)
    {
        if (value <= TimeSpan.Zero || value >= floor)
        {
            warning = null;
            return value;
        }

        warning = $"{source}: {Format(value)} is below the minimum of {Format(floor)}; using {Format(floor)}";
        return floor;
    }

    private static string Format(TimeSpan value) => Rendering.GoDuration.Format(value.Ticks * 100);
}
