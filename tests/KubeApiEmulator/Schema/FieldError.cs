using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeApiEmulator.Semantics;

namespace KubeApiEmulator.Schema;

/// <summary>
/// A field validation error as the API server words it (<c>field.Error</c>): the cause type, the field path and the
/// body (<c>Invalid value: "x": detail</c>, <c>Unsupported value: …</c>, <c>Required value</c>, …).
/// </summary>
public sealed record FieldError(string Type, string Field, string Body)
{
    /// <summary><c>Invalid value: v: detail</c>.</summary>
    public static FieldError Invalid(string field, JsonNode? value, string detail) => new("FieldValueInvalid", field, $"Invalid value: {Value(value)}: {detail}");

    /// <summary>A type mismatch; the bad value is the actual JSON type's name.</summary>
    public static FieldError TypeInvalid(string field, string actualType, string detail) =>
        new("FieldValueTypeInvalid", field, $"Invalid value: {GoQuote(actualType)}: {detail}");

    /// <summary><c>Unsupported value: v: supported values: "a", "b"</c>.</summary>
    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, $"Unsupported value: {Value(value)}: supported values: {string.Join(", ", supported.Select(GoQuote))}");

    /// <summary><c>Required value</c> (with an optional detail).</summary>
    public static FieldError Required(string field, string detail = "") =>
        new("FieldValueRequired", field, detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    /// <summary><c>Forbidden: detail</c>.</summary>
    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, $"Forbidden: {detail}");

    /// <summary><c>Duplicate value: v</c>.</summary>
    public static FieldError Duplicate(string field, JsonNode? value) => new("FieldValueDuplicate", field, $"Duplicate value: {Value(value)}");

    /// <summary><c>Too long: may not be more than N bytes</c>.</summary>
    public static FieldError TooLong(string field, long max) =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {max} {(max == 1 ? "byte" : "bytes")}");

    /// <summary><c>Too many: n: must have at most N items</c>.</summary>
    public static FieldError TooMany(string field, long actual, long max) =>
        new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} {(max == 1 ? "item" : "items")}");

    /// <summary>The path as the API server prints it (<c>&lt;nil&gt;</c> for the object itself).</summary>
    public string PrintedField => Field.Length == 0 ? "<nil>" : Field;

    /// <inheritdoc/>
    public override string ToString() => $"{PrintedField}: {Body}";

    /// <summary>The 422 <c>Status</c> for a set of errors, as <c>errors.NewInvalid</c> builds it.</summary>
    public static ApiException ToInvalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        details["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Type,
            ["message"] = e.Body,
            ["field"] = e.PrintedField,
        }).ToArray());
        var aggregate = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        return new ApiException(422, "Invalid", $"{qualified} \"{name}\" is invalid: {aggregate}", details);
    }

    /// <summary>A value as Go's field errors print it: strings quoted, numbers and bools plain, the rest as JSON.</summary>
    public static string Value(JsonNode? value) => value switch
    {
        null => "\"null\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => GoQuote(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => GoNumber(v),
        JsonValue v => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    private static string GoNumber(JsonValue v)
    {
        var text = v.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return text;
        }

        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return GoFloat(d);
    }

    /// <summary>A float as Go's <c>%v</c> prints it (shortest form, exponent from 1e21).</summary>
    public static string GoFloat(double d)
    {
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }

        var exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        return exponent is >= -4 and < 21
            ? d.ToString("0.#####################", CultureInfo.InvariantCulture)
            : $"{r[..e]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    /// <summary>Go's <c>strconv.Quote</c>.</summary>
    public static string GoQuote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case < 0x20 or 0x7f: b.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"); break;
                default: b.Append(rune.ToString()); break;
            }
        }

        return b.Append('"').ToString();
    }
}
