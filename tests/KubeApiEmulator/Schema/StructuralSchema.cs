using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Cel;

namespace KubeApiEmulator.Schema;

/// <summary>
/// One node of a CRD version's structural schema, compiled once (patterns, CEL rules) so that every write only walks it.
/// </summary>
public sealed class StructuralSchema
{
    private StructuralSchema()
    {
    }

    /// <summary><c>type</c>: object, array, string, integer, number, boolean, or empty.</summary>
    public string Type { get; private init; } = "";

    /// <summary>The node as the CRD declares it (for OpenAPI publishing).</summary>
    public required JsonObject Source { get; init; }

    /// <summary>Declared properties in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, StructuralSchema>> Properties { get; private init; } = [];

    /// <summary>Declared properties by name.</summary>
    public IReadOnlyDictionary<string, StructuralSchema> PropertyMap { get; private init; } = new Dictionary<string, StructuralSchema>();

    /// <summary><c>additionalProperties</c> as a schema (maps), or null.</summary>
    public StructuralSchema? AdditionalProperties { get; private init; }

    /// <summary><c>items</c>.</summary>
    public StructuralSchema? Items { get; private init; }

    /// <summary><c>required</c>.</summary>
    public IReadOnlyList<string> Required { get; private init; } = [];

    /// <summary><c>enum</c>.</summary>
    public JsonArray? Enum { get; private init; }

    /// <summary><c>default</c>.</summary>
    public JsonNode? Default { get; private init; }

    /// <summary>True when a default is declared (a default may be JSON null only in theory; treat presence).</summary>
    public bool HasDefault { get; private init; }

    /// <summary><c>nullable</c>.</summary>
    public bool Nullable { get; private init; }

    /// <summary><c>pattern</c> as declared and compiled.</summary>
    public (string Text, Regex Regex)? Pattern { get; private init; }

    /// <summary><c>format</c>.</summary>
    public string? Format { get; private init; }

    /// <summary>Numeric bounds.</summary>
    public double? Minimum { get; private init; }

    /// <summary>Numeric bounds.</summary>
    public double? Maximum { get; private init; }

    /// <summary>Exclusive bounds.</summary>
    public bool ExclusiveMinimum { get; private init; }

    /// <summary>Exclusive bounds.</summary>
    public bool ExclusiveMaximum { get; private init; }

    /// <summary><c>multipleOf</c>.</summary>
    public double? MultipleOf { get; private init; }

    /// <summary>String length bounds (code points).</summary>
    public long? MinLength { get; private init; }

    /// <summary>String length bounds (code points).</summary>
    public long? MaxLength { get; private init; }

    /// <summary>Array size bounds.</summary>
    public long? MinItems { get; private init; }

    /// <summary>Array size bounds.</summary>
    public long? MaxItems { get; private init; }

    /// <summary>Map size bounds.</summary>
    public long? MinProperties { get; private init; }

    /// <summary>Map size bounds.</summary>
    public long? MaxProperties { get; private init; }

    /// <summary><c>x-kubernetes-preserve-unknown-fields</c>.</summary>
    public bool PreserveUnknownFields { get; private init; }

    /// <summary><c>x-kubernetes-embedded-resource</c>.</summary>
    public bool EmbeddedResource { get; private init; }

    /// <summary><c>x-kubernetes-int-or-string</c>.</summary>
    public bool IntOrString { get; private init; }

    /// <summary><c>x-kubernetes-list-type</c>: atomic (default), set or map.</summary>
    public string ListType { get; private init; } = "atomic";

    /// <summary><c>x-kubernetes-list-map-keys</c>.</summary>
    public IReadOnlyList<string> ListMapKeys { get; private init; } = [];

    /// <summary><c>x-kubernetes-validations</c>, compiled.</summary>
    public IReadOnlyList<ValidationRule> Rules { get; private init; } = [];

    /// <summary>True when this node or any below it declares a default (skips defaulting walks otherwise).</summary>
    public bool AnyDefaults { get; private init; }

    /// <summary>True when this node or any below it has CEL rules.</summary>
    public bool AnyRules { get; private init; }

    /// <summary>Compiles a schema; rule compilation problems are collected with their field paths (as CRD validation reports).</summary>
    public static StructuralSchema Compile(JsonObject node, string path, List<(string Field, string Message)> problems)
    {
        var properties = new List<KeyValuePair<string, StructuralSchema>>();
        foreach (var (name, child) in node["properties"] as JsonObject ?? [])
        {
            if (child is JsonObject c)
            {
                properties.Add(new(name, Compile(c, $"{path}.properties[{name}]", problems)));
            }
        }

        var additional = node["additionalProperties"] is JsonObject a ? Compile(a, path + ".additionalProperties", problems) : null;
        var items = node["items"] is JsonObject i ? Compile(i, path + ".items", problems) : null;
        var rules = new List<ValidationRule>();
        var index = 0;
        foreach (var r in node["x-kubernetes-validations"] as JsonArray ?? [])
        {
            if (r is JsonObject rule && ValidationRule.Compile(rule, $"{path}.x-kubernetes-validations[{index}]", problems) is { } compiled)
            {
                rules.Add(compiled);
            }

            index++;
        }

        (string, Regex)? pattern = null;
        if (node["pattern"]?.GetValue<string>() is { } text)
        {
            try
            {
                pattern = (text, new Regex(text.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1)));
            }
            catch (ArgumentException e)
            {
                problems.Add((path + ".pattern", $"Invalid value: {Quote(text)}: must be a valid regular expression, but isn't: {e.Message}"));
            }
        }

        var children = properties.Select(p => p.Value).Append(additional).Append(items).OfType<StructuralSchema>().ToArray();
        var exclusiveMin = node["exclusiveMinimum"];
        var exclusiveMax = node["exclusiveMaximum"];
        return new StructuralSchema
        {
            Source = node,
            Type = node["type"]?.GetValue<string>() ?? "",
            Properties = properties,
            PropertyMap = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            AdditionalProperties = additional,
            Items = items,
            Required = (node["required"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").ToArray(),
            Enum = node["enum"] as JsonArray,
            Default = node["default"],
            HasDefault = node.ContainsKey("default"),
            Nullable = Flag(node["nullable"]),
            Pattern = pattern,
            Format = node["format"]?.GetValue<string>(),
            Minimum = Number(node["minimum"]),
            Maximum = Number(node["maximum"]),
            ExclusiveMinimum = exclusiveMin is JsonValue em && em.TryGetValue<bool>(out var emb) && emb,
            ExclusiveMaximum = exclusiveMax is JsonValue ex && ex.TryGetValue<bool>(out var exb) && exb,
            MultipleOf = Number(node["multipleOf"]),
            MinLength = Long(node["minLength"]),
            MaxLength = Long(node["maxLength"]),
            MinItems = Long(node["minItems"]),
            MaxItems = Long(node["maxItems"]),
            MinProperties = Long(node["minProperties"]),
            MaxProperties = Long(node["maxProperties"]),
            PreserveUnknownFields = Flag(node["x-kubernetes-preserve-unknown-fields"]),
            EmbeddedResource = Flag(node["x-kubernetes-embedded-resource"]),
            IntOrString = Flag(node["x-kubernetes-int-or-string"]),
            ListType = node["x-kubernetes-list-type"]?.GetValue<string>() ?? "atomic",
            ListMapKeys = (node["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").ToArray(),
            Rules = rules,
            AnyDefaults = node.ContainsKey("default") || children.Any(c => c.AnyDefaults),
            AnyRules = rules.Count > 0 || children.Any(c => c.AnyRules),
        };
    }

    /// <summary>The schema that governs a child field of an object node, or null when the field is unknown.</summary>
    public StructuralSchema? Child(string name) => PropertyMap.TryGetValue(name, out var s) ? s : AdditionalProperties;

    internal static bool Flag(JsonNode? n) => n is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static double? Number(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? d
        : n is JsonValue e && double.TryParse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : null;

    private static long? Long(JsonNode? n) => Number(n) is { } d ? (long)d : null;

    internal static string Quote(string s) => FieldError.GoQuote(s);
}

/// <summary>One compiled <c>x-kubernetes-validations</c> entry.</summary>
public sealed class ValidationRule
{
    private ValidationRule(string rule, CelProgram program)
    {
        Rule = rule;
        Program = program;
    }

    /// <summary>The rule text.</summary>
    public string Rule { get; }

    /// <summary>The compiled rule.</summary>
    public CelProgram Program { get; }

    /// <summary><c>message</c>.</summary>
    public string? Message { get; private init; }

    /// <summary><c>messageExpression</c>, compiled.</summary>
    public CelProgram? MessageExpression { get; private init; }

    /// <summary><c>reason</c>: FieldValueInvalid (default), FieldValueForbidden, FieldValueRequired, FieldValueDuplicate.</summary>
    public string? Reason { get; private init; }

    /// <summary><c>fieldPath</c> relative to the node (<c>.spec.x</c>, <c>['key']</c>).</summary>
    public string? FieldPath { get; private init; }

    /// <summary><c>optionalOldSelf</c>.</summary>
    public bool OptionalOldSelf { get; private init; }

    /// <summary>True when the rule reads <c>oldSelf</c> (a transition rule: skipped on create).</summary>
    public bool IsTransition { get; private init; }

    internal static ValidationRule? Compile(JsonObject node, string path, List<(string Field, string Message)> problems)
    {
        var text = node["rule"]?.GetValue<string>() ?? "";
        CelProgram program;
        CelProgram? messageExpression = null;
        try
        {
            program = CelProgram.Compile(text);
        }
        catch (CelException e)
        {
            problems.Add((path + ".rule", $"Invalid value: {StructuralSchema.Quote(text)}: compilation failed: {e.Message}"));
            return null;
        }

        if (node["messageExpression"]?.GetValue<string>() is { } me)
        {
            try
            {
                messageExpression = CelProgram.Compile(me);
            }
            catch (CelException e)
            {
                problems.Add((path + ".messageExpression", $"Invalid value: {StructuralSchema.Quote(me)}: messageExpression compilation failed: {e.Message}"));
            }
        }

        return new ValidationRule(text, program)
        {
            Message = node["message"]?.GetValue<string>(),
            MessageExpression = messageExpression,
            Reason = node["reason"]?.GetValue<string>(),
            FieldPath = node["fieldPath"]?.GetValue<string>(),
            OptionalOldSelf = StructuralSchema.Flag(node["optionalOldSelf"]),
            IsTransition = Regex.IsMatch(text, @"(?<![\w.])oldSelf\b"),
        };
    }
}
