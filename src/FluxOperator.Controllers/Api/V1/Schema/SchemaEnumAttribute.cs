namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>Restricts a string (or the items of a string list) to the values of a constants class's public static <c>All</c> list.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaEnumAttribute(Type values) : Attribute
{
    /// <summary>The constants class, e.g. <see cref="ClusterTypes"/>, exposing <c>public static IReadOnlyList&lt;string&gt; All</c>.</summary>
    public Type Values { get; } = values;

    /// <summary>Reads the allowed values from <see cref="Values"/>.</summary>
    public IReadOnlyList<string> AllowedValues() =>
        Values.GetProperty("All")?.GetValue(null) as IReadOnlyList<string>
        ?? throw new InvalidOperationException($"{Values.Name} has no public static All list");
}
