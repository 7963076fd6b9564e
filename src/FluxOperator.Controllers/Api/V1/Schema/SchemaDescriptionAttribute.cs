namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>The <c>description</c> of a type or property in the CRD schema (what <c>kubectl explain</c> prints).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class SchemaDescriptionAttribute(string text) : Attribute
{
    /// <summary>The description text.</summary>
    public string Text { get; } = text;
}
