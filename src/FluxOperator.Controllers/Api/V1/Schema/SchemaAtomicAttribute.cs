namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>
/// Marks a map (<c>x-kubernetes-map-type: atomic</c>) or a list (<c>x-kubernetes-list-type: atomic</c>) as replaced
/// whole by server-side apply, as Kubernetes' own label selector type is.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class SchemaAtomicAttribute : Attribute;
