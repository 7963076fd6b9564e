namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>Marks a property as required in the CRD schema; it is also written when empty, as Go does without <c>omitempty</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaRequiredAttribute : Attribute;
