using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reporting;

/// <summary>What the report learned about the cluster: the <c>spec.cluster</c> block and whether it is OpenShift.</summary>
/// <param name="Info">Server version, <c>os/arch</c> and node count, as written to the report.</param>
/// <param name="IsOpenShift">True when the API serves the OpenShift config or route groups.</param>
public sealed record ClusterFacts(FluxClusterInfo Info, bool IsOpenShift)
{
    /// <summary><c>openshift</c> or <c>kubernetes</c> (the <c>spec.cluster.type</c> values).</summary>
    public string Flavor => IsOpenShift ? ClusterTypes.OpenShift : ClusterTypes.Kubernetes;
}
