namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>A CEL rule written to <c>x-kubernetes-validations</c> of the annotated type or property.</summary>
/// <remarks>On a resource type the rule is attached to the root schema (where <c>self.metadata</c> is visible).</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class SchemaRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message the API server returns when the rule is false.</summary>
    public string Message { get; } = message;
}
