using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>Builds the OpenAPI v3 (structural) schema of an API type from its properties and schema attributes.</summary>
/// <remarks>Properties are sorted by JSON name and required lists keep declaration order, as controller-gen writes them.</remarks>
public static class OpenApiSchemaBuilder
{
    /// <summary>The schema of <paramref name="type"/> (an API class, list, map or scalar).</summary>
    public static JsonObject For(Type type) => ForType(type, description: null);

    /// <summary>The schema of one property, with its validations.</summary>
    public static JsonObject ForProperty(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var description = property.GetCustomAttribute<SchemaDescriptionAttribute>()?.Text;
        var schema = ForType(property.PropertyType, description);
        var itemSchema = schema["items"] as JsonObject;

        if (property.GetCustomAttribute<SchemaDefaultAttribute>() is { } defaultValue)
        {
            schema["default"] = defaultValue.Value switch
            {
                bool b => JsonValue.Create(b),
                string s => JsonValue.Create(s),
                _ => throw new InvalidOperationException($"unsupported default on {property.Name}"),
            };
        }

        if (property.GetCustomAttribute<SchemaEnumAttribute>() is { } enumeration)
        {
            // On a list the values restrict the items, as a Go enum type used as element does.
            (itemSchema ?? schema)["enum"] = new JsonArray(enumeration.AllowedValues().Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        if (property.GetCustomAttribute<SchemaMaxLengthAttribute>() is { } maxLength)
        {
            schema["maxLength"] = maxLength.Length;
        }

        if (property.GetCustomAttribute<SchemaMinItemsAttribute>() is { } minItems)
        {
            schema["minItems"] = minItems.Count;
        }

        if (property.GetCustomAttribute<SchemaMaxItemsAttribute>() is { } maxItems)
        {
            schema["maxItems"] = maxItems.Count;
        }

        if (property.GetCustomAttribute<SchemaAtomicAttribute>() is not null && itemSchema is not null)
        {
            schema["x-kubernetes-list-type"] = "atomic";
        }

        if (property.GetCustomAttribute<SchemaPatternAttribute>() is { } pattern)
        {
            schema["pattern"] = pattern.Pattern;
        }

        AddRules(schema, property.GetCustomAttributes<SchemaRuleAttribute>());
        return Sorted(schema);
    }

    /// <summary>The API properties of a class: those with a JSON name and not ignored.</summary>
    public static IEnumerable<(string Name, PropertyInfo Property)> ApiProperties(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name!, Property: p))
            .Where(p => p.Name is not null);
    }

    /// <summary>Adds <c>x-kubernetes-validations</c> entries for the rules, if any.</summary>
    internal static void AddRules(JsonObject schema, IEnumerable<SchemaRuleAttribute> rules)
    {
        var list = rules.Select(r => (JsonNode?)new JsonObject { ["message"] = r.Message, ["rule"] = r.Rule }).ToArray();
        if (list.Length > 0)
        {
            schema["x-kubernetes-validations"] = new JsonArray(list);
        }
    }

    private static JsonObject ForType(Type type, string? description)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var schema = new JsonObject();
        if (type == typeof(string))
        {
            schema["type"] = "string";
        }
        else if (type == typeof(bool))
        {
            schema["type"] = "boolean";
        }
        else if (type == typeof(int))
        {
            schema["type"] = "integer";
        }
        else if (type == typeof(long))
        {
            schema["format"] = "int64";
            schema["type"] = "integer";
        }
        else if (type == typeof(DateTime))
        {
            schema["format"] = "date-time";
            schema["type"] = "string";
        }
        else if (type == typeof(V1ObjectMeta))
        {
            schema["type"] = "object";
        }
        else if (type == typeof(JsonObject))
        {
            // Free-form objects (templated resources): kept as written, the API server prunes nothing inside.
            schema["type"] = "object";
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }
        else if (type == typeof(JsonNode))
        {
            // Any JSON value (input values).
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }
        else if (type == typeof(V1Condition))
        {
            schema = ConditionSchema.Create();
        }
        else if (DictionaryValueType(type) is { } valueType)
        {
            schema["additionalProperties"] = ForType(valueType, description: null);
            schema["type"] = "object";
        }
        else if (ListItemType(type) is { } itemType)
        {
            schema["items"] = ForType(itemType, description: null);
            schema["type"] = "array";
        }
        else if (type.IsClass && type.Namespace == typeof(FluxInstance).Namespace)
        {
            schema = ForClass(type);
        }
        else
        {
            throw new InvalidOperationException($"no schema mapping for {type}");
        }

        description ??= type.GetCustomAttribute<SchemaDescriptionAttribute>()?.Text;
        if (description is not null)
        {
            schema["description"] = description;
        }

        return Sorted(schema);
    }

    private static JsonObject ForClass(Type type)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, property) in ApiProperties(type).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            properties[name] = ForProperty(property);
        }

        foreach (var (name, _) in ApiProperties(type).Where(p => p.Property.GetCustomAttribute<SchemaRequiredAttribute>() is not null))
        {
            required.Add(name);
        }

        var schema = new JsonObject { ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        schema["type"] = "object";
        if (type.GetCustomAttribute<SchemaAtomicAttribute>() is not null)
        {
            schema["x-kubernetes-map-type"] = "atomic";
        }

        AddRules(schema, type.GetCustomAttributes<SchemaRuleAttribute>());
        return schema;
    }

    private static Type? ListItemType(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Dictionary<,>) || type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    /// <summary>Keys in ordinal order, so output is stable and reads like controller-gen's.</summary>
    private static JsonObject Sorted(JsonObject schema)
    {
        var entries = schema.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
        var sorted = new JsonObject();
        foreach (var key in entries)
        {
            var value = schema[key];
            schema.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }
}
