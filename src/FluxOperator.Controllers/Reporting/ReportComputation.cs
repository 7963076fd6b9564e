using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reporting;

/// <summary>The outcome of one report computation.</summary>
/// <param name="Spec">The new <c>.spec</c>: every step up to the first failure, plus <c>operator</c>.</param>
/// <param name="Errors">Objects that could not be read (the FluxInstance, the distribution's CRD or Secret), then the failed
/// step's message, if any (later steps were skipped).</param>
/// <param name="Cluster">The cluster facts when that step succeeded.</param>
/// <param name="Reconcilers">The counted kinds, also when the reconcilers step failed on some kind (they feed the metrics).</param>
/// <param name="Resources">The <c>flux_resource_info</c> label sets, one per Flux object listed (empty when disabled).</param>
public sealed record ReportComputation(FluxReportSpec Spec, IReadOnlyList<string> Errors, ClusterFacts? Cluster, IReadOnlyList<FluxReconcilerStatus> Reconcilers,
    IReadOnlyList<KeyValuePair<string, object?>[]> Resources);
