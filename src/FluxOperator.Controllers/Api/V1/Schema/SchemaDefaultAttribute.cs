namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>A structural default the API server fills in when the field is absent.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaDefaultAttribute : Attribute
{
    /// <summary>A string default.</summary>
    public SchemaDefaultAttribute(string value) => Value = value;

    /// <summary>A boolean default.</summary>
    public SchemaDefaultAttribute(bool value) => Value = value;

    /// <summary>The default value (string or bool).</summary>
    public object Value { get; }
}
