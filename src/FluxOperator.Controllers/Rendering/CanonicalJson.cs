using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Canonical JSON text of a node: keys sorted ordinally at every level, no whitespace, minimal escaping.</summary>
/// <remarks>The revision's digest (docs/rendering.md#revision) must depend on content only, never on key order or on how a
/// number or string happened to be spelled in a manifest, so it does not depend on a YAML emitter's choices.</remarks>
public static class CanonicalJson
{
    /// <summary>Writes <paramref name="node"/> in canonical form.</summary>
    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    /// <summary>Appends <paramref name="node"/> in canonical form.</summary>
    public static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendString(builder, key);
                    builder.Append(':');
                    Append(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                AppendValue(builder, node.AsValue());
                break;
        }
    }

    private static void AppendValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                AppendString(builder, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Number:
                AppendNumber(builder, value);
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void AppendNumber(StringBuilder builder, JsonValue value)
    {
        if (value.TryGetValue(out long integer))
        {
            builder.Append(integer.ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (value.TryGetValue(out JsonElement element) && element.TryGetInt64(out integer))
        {
            builder.Append(integer.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var number = value.GetValue<double>();
        if (double.IsInteger(number) && Math.Abs(number) < 1e15)
        {
            builder.Append(((long)number).ToString(CultureInfo.InvariantCulture));
            return;
        }

        // .NET prints the shortest string that round-trips; "E+" is valid JSON exponent syntax.
        builder.Append(number.ToString("R", CultureInfo.InvariantCulture));
    }

    private static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
