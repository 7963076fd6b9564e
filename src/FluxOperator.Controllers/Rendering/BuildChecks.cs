using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The checks that depend on the resolved release (components, workload identity, sync), in the Go operator's order (docs/rendering.md#checks-in-order).</summary>
/// <remarks>Run once per build: <see cref="FluxInstanceBuilder"/> runs them before resolving images and hands the
/// gates to the renderer, which then does not repeat them.</remarks>
public static class BuildChecks
{
    /// <summary>Reads the release's gates and runs every check.</summary>
    /// <returns>The gates of the release, for the renderer.</returns>
    /// <exception cref="RenderException">The version is unreadable or a check failed.</exception>
    public static ReleaseGates Run(BuildParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var gates = ReleaseGates.ForBuild(parameters.Version);
        return FirstError(parameters, gates) is { } error ? throw new RenderException(error) : gates;
    }

    /// <summary>The first failing check's message, or null when the parameters fit the release.</summary>
    public static string? FirstError(BuildParameters parameters, ReleaseGates gates)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gates);
        if (FluxComponents.Check(parameters.Components, gates.Minor) is { } componentError)
        {
            return componentError;
        }

        if (WorkloadIdentity.Check(parameters, gates) is { } identityError)
        {
            return identityError;
        }

        if (parameters.Sync is { Kind: "GitRepository", Provider: "aws" } && !gates.AtLeast29)
        {
            return $"sync.provider 'aws' for GitRepository requires Flux version >= 2.9.0, got '{parameters.Version}'";
        }

        return null;
    }
}
