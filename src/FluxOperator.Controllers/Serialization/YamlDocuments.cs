using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FluxOperator.Controllers.Serialization;

/// <summary>Reads and writes (multi-document) YAML as JSON nodes, the unstructured form every layer shares.</summary>
/// <remarks>
/// Plain scalars are typed by the YAML 1.2 core schema (null, booleans, integers, floats), quoted and
/// block scalars stay strings, as the Kubernetes YAML decoder does. Writing quotes every string that
/// would otherwise read back as another type, so a document round-trips to the same JSON.
/// </remarks>
public static partial class YamlDocuments
{
    /// <summary>Parses every non-empty document of a YAML stream within <see cref="InputLimits.Current"/>.</summary>
    /// <exception cref="YamlException">The text is not valid YAML (an <see cref="InputLimitException"/> when it crosses a limit); the message carries line and column.</exception>
    public static IReadOnlyList<JsonNode?> Parse(string yaml) => Parse(yaml, InputLimits.Current);

    /// <summary>Parses every non-empty document of a YAML stream within <paramref name="limits"/>.</summary>
    public static IReadOnlyList<JsonNode?> Parse(string yaml, InputLimits limits)
    {
        using var reader = new StringReader(yaml);
        return Parse(reader, limits);
    }

    /// <summary>Parses every non-empty document read from <paramref name="input"/> within <paramref name="limits"/>.</summary>
    public static IReadOnlyList<JsonNode?> Parse(TextReader input, InputLimits limits)
    {
        try
        {
            return JsonTreeBuilder.Build(BoundedParser.Create(input, limits));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some malformed flow collections this way; keep one error type.
            throw new YamlException($"invalid YAML: {e.Message}", e);
        }
    }

    /// <summary>Parses a YAML stream whose documents must all be objects (Kubernetes manifests).</summary>
    public static IReadOnlyList<JsonObject> ParseObjects(string yaml)
    {
        var result = new List<JsonObject>();
        var index = 0;
        foreach (var node in Parse(yaml))
        {
            if (node is not JsonObject obj)
            {
                throw new YamlException($"document {index} is not a mapping");
            }

            // A List kind (kubectl's output shape) contributes its items.
            if (obj["kind"] is JsonValue kind && kind.TryGetValue(out string? kindName) && kindName.EndsWith("List", StringComparison.Ordinal)
                && obj["items"] is JsonArray items)
            {
                result.AddRange(items.OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()));
            }
            else
            {
                result.Add(obj);
            }

            index++;
        }

        return result;
    }

    /// <summary>Writes one node as a YAML document (no leading separator).</summary>
    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteNode(builder, node, 0, inSequence: false, afterKey: false);
        if (builder.Length == 0 || builder[^1] != '\n')
        {
            builder.Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Writes several nodes as a multi-document YAML stream separated by <c>---</c>.</summary>
    public static string WriteAll(IEnumerable<JsonNode?> nodes)
    {
        var builder = new StringBuilder();
        foreach (var node in nodes)
        {
            builder.Append("---\n");
            builder.Append(Write(node));
        }

        return builder.ToString();
    }

    /// <summary>A scalar typed by the YAML 1.2 core schema: plain scalars may be null, booleans or numbers.</summary>
    internal static JsonNode? ToJsonScalar(Scalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (scalar.Tag.IsEmpty ? null : scalar.Tag.Value)
        {
            case "tag:yaml.org,2002:str":
                return JsonValue.Create(value);
            case "tag:yaml.org,2002:null":
                return null;
        }

        if (IsNull(value))
        {
            return null;
        }

        switch (value)
        {
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (HexPattern().IsMatch(value))
        {
            return JsonValue.Create(Convert.ToInt64(value[2..], 16));
        }

        if (OctalPattern().IsMatch(value))
        {
            return JsonValue.Create(Convert.ToInt64(value[2..], 8));
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    private static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>True when a plain (unquoted) scalar with this text would not read back as this string.</summary>
    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0 || IsNull(value) || value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            || value is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF"
            || IntegerPattern().IsMatch(value) || HexPattern().IsMatch(value) || OctalPattern().IsMatch(value) || FloatPattern().IsMatch(value)
            || LegacyNumberPattern().IsMatch(value))
        {
            return true;
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return true;
        }

        if (",[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal))
        {
            return true;
        }

        // "-", "?" and ":" start a plain scalar only when a non-space follows ("--flag" stays plain).
        if ("-?:".Contains(value[0], StringComparison.Ordinal) && (value.Length == 1 || value[1] == ' '))
        {
            return true;
        }

        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':')
            || value.Contains('\t'))
        {
            return true;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || c > '\u007e')
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteNode(StringBuilder builder, JsonNode? node, int indent, bool inSequence, bool afterKey)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                if (afterKey)
                {
                    builder.Append('\n');
                }

                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!(first && inSequence))
                    {
                        builder.Append(' ', indent);
                    }

                    first = false;
                    builder.Append(FormatKey(key)).Append(':');
                    WriteValueAfterKey(builder, value, indent);
                }

                break;
            case JsonArray array when array.Count > 0:
                if (afterKey)
                {
                    builder.Append('\n');
                }

                var firstItem = true;
                foreach (var item in array)
                {
                    if (!(firstItem && inSequence))
                    {
                        builder.Append(' ', indent);
                    }

                    firstItem = false;
                    builder.Append("- ");
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                    {
                        WriteNode(builder, item, indent + 2, inSequence: true, afterKey: false);
                    }
                    else
                    {
                        builder.Append(FormatScalar(item)).Append('\n');
                    }
                }

                break;
            default:
                if (afterKey)
                {
                    builder.Append(' ');
                }

                builder.Append(FormatScalar(node)).Append('\n');
                break;
        }
    }

    private static void WriteValueAfterKey(StringBuilder builder, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 }:
                WriteNode(builder, value, indent + 2, inSequence: false, afterKey: true);
                break;
            case JsonArray { Count: > 0 }:
                // Sequences under a key sit at the key's indentation, as kubectl and kustomize write them.
                WriteNode(builder, value, indent, inSequence: false, afterKey: true);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Contains('\n'):
                WriteBlockScalar(builder, v.GetValue<string>(), indent + 2);
                break;
            default:
                builder.Append(' ').Append(FormatScalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteBlockScalar(StringBuilder builder, string text, int indent)
    {
        // Literal block keeps the text exactly; the chomping indicator keeps the trailing newlines.
        var trailing = text.Length - text.TrimEnd('\n').Length;
        var chomp = trailing switch { 0 => "-", 1 => string.Empty, _ => "+" };
        var lines = text.Split('\n');
        if (lines.Any(l => l.Length > 0 && (l[0] == ' ' || l[^1] == ' ' || l.Contains('\t') || l.Any(char.IsControl))) ||
            text.Contains('\r'))
        {
            builder.Append(' ').Append(JsonSerializer.Serialize(text, RelaxedJson)).Append('\n');
            return;
        }

        builder.Append(" |").Append(chomp).Append('\n');
        var body = trailing == 0 ? lines : lines[..^Math.Max(trailing, 1)];
        foreach (var line in body)
        {
            if (line.Length > 0)
            {
                builder.Append(' ', indent).Append(line);
            }

            builder.Append('\n');
        }

        for (var i = 1; i < trailing; i++)
        {
            builder.Append('\n');
        }
    }

    private static string FormatKey(string key) => NeedsQuotes(key) ? JsonSerializer.Serialize(key, RelaxedJson) : key;

    private static string FormatScalar(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "{}";
            case JsonArray:
                return "[]";
        }

        var value = node.AsValue();
        return value.GetValueKind() switch
        {
            JsonValueKind.String => FormatString(value.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => value.ToJsonString(),
        };
    }

    private static string FormatString(string text)
    {
        if (!NeedsQuotes(text))
        {
            return text;
        }

        // Single quotes cannot carry control characters (a newline would be folded): use JSON's
        // double-quoted form, which is also valid YAML.
        return text.Any(char.IsControl)
            ? JsonSerializer.Serialize(text, RelaxedJson)
            : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static readonly JsonSerializerOptions RelaxedJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^0o[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex FloatPattern();

    // YAML 1.1 readers (older tools) also take these as numbers; quote them so every reader agrees.
    [GeneratedRegex(@"^[-+]?(0[0-7]+|[0-9][0-9_]*(:[0-5]?[0-9])+|0b[01_]+)$")]
    private static partial Regex LegacyNumberPattern();
}
