using System.Runtime.InteropServices;

namespace FluxOperator.Controllers.Reporting;

/// <summary>What the report needs from the process configuration.</summary>
public sealed record ReportOptions
{
    /// <summary>The operator namespace (<c>RUNTIME_NAMESPACE</c>), where the FluxInstance, the report and Flux live.</summary>
    public string Namespace { get; init; } = "flux-system";

    /// <summary>Default refresh interval (<c>--reporting-interval</c> / <c>REPORTING_INTERVAL</c>).</summary>
    public TimeSpan ReportingInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The shortest refresh interval the flag or the report's annotation may ask for (see <see cref="IntervalFloors"/>).</summary>
    public TimeSpan MinInterval { get; init; } = IntervalFloors.Default.Periodic;

    /// <summary>Page size of every list the report makes.</summary>
    public int PageSize { get; init; } = PagedList.DefaultPageSize;

    /// <summary>
    /// Export one <c>flux_resource_info</c> series per Flux object. The label sets are the only per-object
    /// state the report keeps (a few hundred bytes each); turn off for very large fleets.
    /// </summary>
    public bool ResourceInfoMetrics { get; init; } = true;

    /// <summary>The operator version written to <c>spec.operator.version</c>.</summary>
    public string OperatorVersion { get; init; } = "v" + OperatorInfo.Version.TrimStart('v');

    /// <summary>The operator process's <c>os/arch</c>.</summary>
    public string OperatorPlatform { get; init; } = CurrentPlatform();

    /// <summary>The running process's <c>os/arch</c> in Go's spelling (<c>linux/amd64</c>).</summary>
    public static string CurrentPlatform()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "unknown";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "386",
            Architecture.Arm => "arm",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}/{arch}";
    }
}
