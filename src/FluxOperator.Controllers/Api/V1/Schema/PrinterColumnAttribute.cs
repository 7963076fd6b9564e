namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>One <c>additionalPrinterColumns</c> entry; columns keep the declaration order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(int order, string name, string type, string jsonPath) : Attribute
{
    /// <summary>Position of the column (attributes carry no reliable order of their own).</summary>
    public int Order { get; } = order;

    /// <summary>Column header.</summary>
    public string Name { get; } = name;

    /// <summary>OpenAPI type: <c>string</c>, <c>date</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</summary>
    public string Type { get; } = type;

    /// <summary>JSONPath evaluated against the object.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>0 shows the column always, higher values only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
