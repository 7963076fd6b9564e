using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>One page of a list answer.</summary>
/// <param name="Items">The objects, each with <c>apiVersion</c> and <c>kind</c> filled in.</param>
/// <param name="ResourceVersion">The list's resourceVersion: where a watch continues.</param>
/// <param name="Continue">The token for the next page; null on the last page.</param>
public sealed record ObjectList(IReadOnlyList<JsonObject> Items, string ResourceVersion, string? Continue);
