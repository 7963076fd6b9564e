using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The checks that depend on the resolved release (components, workload identity, sync), in the Go operator's order (docs/rendering.md#checks-in-order).</summary>
public static class BuildChecks
{
    /// <summary>The first failing check's message, or null when the parameters fit the release.</summary>
    public static string? FirstError(BuildParameters parameters, ReleaseGates gates)
    {
        foreach (var component in parameters.Components)
        {
            if (!FluxComponents.All.Contains(component))
            {
                return $"invalid component: {component}";
            }
        }

        if (parameters.Components.Contains(FluxComponents.SourceWatcher) && !gates.SupportsSourceWatcher)
        {
            return "source-watcher is only supported in Flux versions >= 2.7.0";
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
