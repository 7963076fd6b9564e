using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reporting;

/// <summary>The counted kinds and the kinds that could not be listed.</summary>
/// <param name="Entries">Sorted report entries of the kinds that were listed.</param>
/// <param name="Errors">One message per kind whose list failed.</param>
public sealed record ReconcilerCounts(List<FluxReconcilerStatus> Entries, IReadOnlyList<string> Errors);
