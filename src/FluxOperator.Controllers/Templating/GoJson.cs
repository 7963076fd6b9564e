using System.Globalization;
using System.Text;

namespace FluxOperator.Controllers.Templating;

/// <summary>Go's <c>encoding/json</c> output for the value model: keys sorted, Go's float form and escapes.</summary>
internal static class GoJson
{
    public enum Style
    {
        Compact,
        Pretty,
        Raw,
    }

    /// <exception cref="FunctionException">NaN or infinity (<c>json: unsupported value: NaN</c>).</exception>
    public static string Marshal(object? value, Style style)
    {
        var builder = new StringBuilder();
        Write(builder, value, style, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, Style style, int depth)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                WriteString(builder, s, style != Style.Raw);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case long or GoInt:
                GoValues.IsInteger(value, out var l);
                builder.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    throw new FunctionException($"json: unsupported value: {GoFloat.FormatG(d)}");
                }

                builder.Append(GoFloat.FormatJson(d));
                break;
            case DateTimeOffset t:
                WriteString(builder, GoValues.FormatTime(t), style != Style.Raw);
                break;
            case List<object?> list:
                if (list.Count == 0)
                {
                    builder.Append("[]");
                    break;
                }

                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    NewLine(builder, style, depth + 1);
                    Write(builder, list[i], style, depth + 1);
                }

                NewLine(builder, style, depth);
                builder.Append(']');
                break;
            case Dictionary<string, object?> map:
                if (map.Count == 0)
                {
                    builder.Append("{}");
                    break;
                }

                builder.Append('{');
                var first = true;
                foreach (var key in GoValues.SortedKeys(map))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    NewLine(builder, style, depth + 1);
                    WriteString(builder, key, style != Style.Raw);
                    builder.Append(style == Style.Pretty ? ": " : ":");
                    Write(builder, map[key], style, depth + 1);
                }

                NewLine(builder, style, depth);
                builder.Append('}');
                break;
            default:
                WriteString(builder, GoValues.Print(value), style != Style.Raw);
                break;
        }
    }

    private static void NewLine(StringBuilder builder, Style style, int depth)
    {
        if (style == Style.Pretty)
        {
            builder.Append('\n').Append(' ', depth * 2);
        }
    }

    public static void WriteString(StringBuilder builder, string s, bool escapeHtml)
    {
        builder.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '<' or '>' or '&' when escapeHtml:
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                case '\u2028' or '\u2029':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                case < ' ':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        builder.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append("\\ufffd");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
