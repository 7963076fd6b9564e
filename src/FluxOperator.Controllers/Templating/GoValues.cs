using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Templating;

/// <summary>A Go <c>int</c> (template integer literals, <c>len</c>, <c>int</c>, <c>until</c>); JSON integers are
/// Go <c>int64</c> and are carried as <see cref="long"/>. Both compare and print alike; only type names differ.</summary>
internal readonly record struct GoInt(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The template value model: <c>null</c> (nil), <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>
/// (int64), <see cref="GoInt"/> (int), <see cref="double"/> (float64), <see cref="List{T}"/> of values
/// (<c>[]interface {}</c>), <see cref="Dictionary{TKey,TValue}"/> string→value (<c>map[string]interface {}</c>) and
/// <see cref="DateTimeOffset"/> (<c>time.Time</c>).</summary>
internal static class GoValues
{
    public static Dictionary<string, object?> NewMap(int capacity = 0) => new(capacity, StringComparer.Ordinal);

    /// <summary>Converts JSON to the value model: integral numbers written without fraction or exponent that fit
    /// 64 bits become int64, all other numbers float64.</summary>
    public static object? FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var map = NewMap(obj.Count);
                foreach (var (key, value) in obj)
                {
                    map[key] = FromJson(value);
                }

                return map;
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(FromJson(item));
                }

                return list;
        }

        var v = node.AsValue();
        switch (v.GetValueKind())
        {
            case JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                if (v.TryGetValue<JsonElement>(out var element))
                {
                    return FromNumber(element);
                }

                if (v.TryGetValue<long>(out var l))
                {
                    return l;
                }

                if (v.TryGetValue<int>(out var i))
                {
                    return (long)i;
                }

                if (v.TryGetValue<double>(out var d))
                {
                    return d;
                }

                if (v.TryGetValue<decimal>(out var m))
                {
                    return m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue ? (long)m : (double)m;
                }

                return FromNumber(JsonSerializer.SerializeToElement(node, TemplateJsonContext.Default.JsonNode));
            default:
                return FromJson(JsonNode.Parse(v.ToJsonString()));
        }
    }

    public static object? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = NewMap();
                foreach (var p in element.EnumerateObject())
                {
                    map[p.Name] = FromElement(p.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromElement(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return FromNumber(element);
            default:
                return null;
        }
    }

    private static object FromNumber(JsonElement element)
    {
        var raw = element.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") < 0 && element.TryGetInt64(out var l))
        {
            return l;
        }

        return element.GetDouble();
    }

    /// <summary>Converts a value back to JSON (time values as RFC 3339 strings).</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        GoInt g => JsonValue.Create(g.Value),
        double d => JsonValue.Create(d),
        DateTimeOffset t => JsonValue.Create(FormatTime(t)),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        Dictionary<string, object?> map => ToJsonObject(map),
        _ => JsonValue.Create(Print(value)),
    };

    private static JsonObject ToJsonObject(Dictionary<string, object?> map)
    {
        var obj = new JsonObject();
        foreach (var key in SortedKeys(map))
        {
            obj[key] = ToJson(map[key]);
        }

        return obj;
    }

    public static string[] SortedKeys(Dictionary<string, object?> map)
    {
        var keys = map.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Go's name of the value's type (<c>typeOf</c>, error messages).</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        long => "int64",
        GoInt => "int",
        double => "float64",
        List<object?> => "[]interface {}",
        Dictionary<string, object?> => "map[string]interface {}",
        DateTimeOffset => "time.Time",
        _ => value.GetType().Name,
    };

    /// <summary>Go's reflect kind name (<c>kindOf</c>).</summary>
    public static string KindName(object? value) => value switch
    {
        null => "invalid",
        string => "string",
        bool => "bool",
        long => "int64",
        GoInt => "int",
        double => "float64",
        List<object?> => "slice",
        Dictionary<string, object?> => "map",
        _ => "struct",
    };

    public static bool IsInteger(object? value, out long result)
    {
        switch (value)
        {
            case long l:
                result = l;
                return true;
            case GoInt g:
                result = g.Value;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Go's template truth: false, 0, "", empty list/map and nil are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        GoInt g => g.Value != 0,
        double d => d != 0,
        List<object?> list => list.Count > 0,
        Dictionary<string, object?> map => map.Count > 0,
        _ => true,
    };

    /// <summary>Prints as an output action does (<c>&lt;no value&gt;</c> for nil).</summary>
    public static string PrintAction(object? value) => value is null ? "<no value>" : Print(value);

    /// <summary>Go's <c>fmt.Sprint</c> of one operand (<c>%v</c>).</summary>
    public static string Print(object? value)
    {
        if (value is string s)
        {
            return s;
        }

        var builder = new StringBuilder();
        AppendValue(builder, value, 0);
        return builder.ToString();
    }

    public static void AppendValue(StringBuilder builder, object? value, int depth)
    {
        switch (value)
        {
            case null:
                builder.Append("<nil>");
                break;
            case string s:
                builder.Append(s);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case long l:
                builder.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case GoInt g:
                builder.Append(g.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(GoFloat.FormatG(d));
                break;
            case DateTimeOffset t:
                builder.Append(FormatTimeString(t));
                break;
            case List<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(' ');
                    }

                    AppendValue(builder, list[i], depth + 1);
                }

                builder.Append(']');
                break;
            case Dictionary<string, object?> map:
                builder.Append("map[");
                var first = true;
                foreach (var key in SortedKeys(map))
                {
                    if (!first)
                    {
                        builder.Append(' ');
                    }

                    first = false;
                    builder.Append(key).Append(':');
                    AppendValue(builder, map[key], depth + 1);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    /// <summary>Go's <c>time.Time</c> JSON form (RFC 3339 with nanoseconds trimmed).</summary>
    public static string FormatTime(DateTimeOffset t)
    {
        var text = t.Offset == TimeSpan.Zero
            ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z"
            : t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        return text;
    }

    /// <summary>Go's <c>time.Time.String()</c>.</summary>
    public static string FormatTimeString(DateTimeOffset t) =>
        t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') +
        (t.Offset == TimeSpan.Zero ? " +0000 UTC" : t.ToString(" zzz", CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal));

    /// <summary>Deep structural equality (<c>reflect.DeepEqual</c>: types must match too).</summary>
    public static bool DeepEqual(object? a, object? b)
    {
        switch (a)
        {
            case null:
                return b is null;
            case List<object?> la:
                if (b is not List<object?> lb || la.Count != lb.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!DeepEqual(la[i], lb[i]))
                    {
                        return false;
                    }
                }

                return true;
            case Dictionary<string, object?> ma:
                if (b is not Dictionary<string, object?> mb || ma.Count != mb.Count)
                {
                    return false;
                }

                foreach (var (k, v) in ma)
                {
                    if (!mb.TryGetValue(k, out var other) || !DeepEqual(v, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return a.Equals(b);
        }
    }

    /// <summary>A deep copy, so functions that mutate (<c>set</c>, <c>unset</c>) never touch the caller's inputs.</summary>
    public static object? DeepCopy(object? value) => value switch
    {
        List<object?> list => list.Select(DeepCopy).ToList(),
        Dictionary<string, object?> map => map.ToDictionary(p => p.Key, p => DeepCopy(p.Value), StringComparer.Ordinal),
        _ => value,
    };
}
