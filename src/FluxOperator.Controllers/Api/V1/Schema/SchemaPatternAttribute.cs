namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>An OpenAPI <c>pattern</c> (RE2 syntax, as the API server evaluates it).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaPatternAttribute(string pattern) : Attribute
{
    /// <summary>The regular expression.</summary>
    public string Pattern { get; } = pattern;
}
