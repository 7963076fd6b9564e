using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Cel;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Json;
using KubeApiEmulator.Semantics;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Schema;

/// <summary>
/// What the API server does to a custom resource on every write, in its order: prune unknown fields (reporting them per
/// <c>fieldValidation</c>), apply schema defaults, validate against the structural schema, then run the CEL rules.
/// Unchanged values are not re-validated (validation ratcheting), so an update never fails on fields it did not touch.
/// </summary>
public static class SchemaAdmission
{
    private static readonly ConditionalWeakTable<ResourceType, StructuralSchema?> Compiled = [];
    private static readonly ConditionalWeakTable<StoredObject, ServedJson> ReadDefaults = [];
    private static readonly string[] RootMetaFields = ["apiVersion", "kind", "metadata"];

    /// <summary>The compiled schema of a custom resource version (compiled once per served CRD version), or null.</summary>
    public static StructuralSchema? For(ResourceType type) =>
        type.BuiltIn || type.Schema is null ? null : Compiled.GetValue(type, t => StructuralSchema.Compile(t.Schema!, "", []));

    /// <summary>Checks a CRD's schemas compile (patterns, CEL rules); the problems as the API server reports them.</summary>
    public static IReadOnlyList<FieldError> CheckCrd(JsonObject crd)
    {
        var problems = new List<(string Field, string Message)>();
        var index = 0;
        foreach (var version in crd["spec"]?["versions"] as JsonArray ?? [])
        {
            if (version?["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                StructuralSchema.Compile(schema, $"spec.versions[{index}].schema.openAPIV3Schema", problems);
            }

            index++;
        }

        return problems.Select(p => new FieldError("FieldValueInvalid", p.Field, p.Message)).ToArray();
    }

    /// <summary>Prunes, defaults and validates a custom resource about to be stored; throws the API server's 400 or 422.</summary>
    public static void Admit(ResourceType type, JsonObject? old, JsonObject obj, WriteOptions write)
    {
        if (For(type) is not { } root)
        {
            return;
        }

        var unknown = new List<string>();
        Prune(obj, root, "", unknown, isRoot: true);
        if (unknown.Count > 0)
        {
            var messages = unknown.Select(u => $"unknown field \"{u}\"").ToArray();
            switch (write.FieldValidation)
            {
                case "Strict":
                    throw ApiException.BadRequest(
                        $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", messages)}");
                case "Ignore":
                    break;
                default:
                    write.Warnings.AddRange(messages);
                    break;
            }
        }

        if (root.AnyDefaults)
        {
            Default(obj, root);

            // The stored object is compared as the server reads it: with its defaults.
            if (old is not null)
            {
                old = old.DeepClone().AsObject();
                Default(old, root);
            }
        }

        var errors = new List<FieldError>();
        var ruleErrors = new List<FieldError>();
        var walk = new Walk(errors, ruleErrors);
        walk.Validate(obj, old, old is not null, root, "", isRoot: true);

        // As the API server: a schema error that makes rules meaningless (wrong type, missing, unsupported, too long or
        // too many) stops the CEL rules, which is itself reported; otherwise every rule runs.
        if (errors.Any(e => e.Type is "FieldValueTypeInvalid" or "FieldValueRequired" or "FieldValueNotSupported" or "FieldValueTooLong" or "FieldValueTooMany"))
        {
            errors.Add(FieldError.Invalid("", null,
                "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"));
        }
        else
        {
            walk.RunPendingRules();
        }

        if (errors.Count + ruleErrors.Count > 0)
        {
            throw FieldError.ToInvalid(type.Group, type.Kind, obj["metadata"]?["name"]?.ToString() ?? "", [.. errors, .. ruleErrors]);
        }
    }

    /// <summary>
    /// A stored object as it is served: with its schema's defaults applied (objects stored before a default existed, or
    /// seeded, get it). Computed once per stored revision and schema, so reads and watch events stay cheap.
    /// </summary>
    public static byte[] WithReadDefaults(ResourceType type, StoredObject stored)
    {
        if (For(type) is not { AnyDefaults: true } root)
        {
            return stored.Json;
        }

        if (ReadDefaults.TryGetValue(stored, out var cached) && ReferenceEquals(cached.Schema, root))
        {
            return cached.Json;
        }

        var node = stored.ToNode();
        var json = Default(node, root) ? JsonBytes.From(node) : stored.Json;
        ReadDefaults.AddOrUpdate(stored, new ServedJson(root, json));
        return json;
    }

    private sealed record ServedJson(StructuralSchema Schema, byte[] Json);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Prune(JsonNode? node, StructuralSchema schema, string path, List<string> unknown, bool isRoot)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToArray())
                {
                    if ((isRoot || schema.EmbeddedResource) && RootMetaFields.Contains(key))
                    {
                        continue;
                    }

                    if (schema.Child(key) is { } child)
                    {
                        Prune(o[key], child, Join(path, key), unknown, isRoot: false);
                    }
                    else if (!schema.PreserveUnknownFields)
                    {
                        o.Remove(key);
                        unknown.Add(Join(path, key));
                    }
                }

                break;
            case JsonArray a when schema.Items is { } items:
                for (var i = 0; i < a.Count; i++)
                {
                    Prune(a[i], items, $"{path}[{i}]", unknown, isRoot: false);
                }

                break;
        }
    }

    private static bool Default(JsonNode? node, StructuralSchema schema)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in schema.Properties)
                {
                    if (child.HasDefault && (!o.TryGetPropertyValue(name, out var current) || (current is null && !child.Nullable)))
                    {
                        o[name] = child.Default?.DeepClone();
                        changed = true;
                    }
                }

                foreach (var (key, value) in o.ToArray())
                {
                    if (value is not null && schema.Child(key) is { AnyDefaults: true } child)
                    {
                        changed |= Default(value, child);
                    }
                }

                break;
            case JsonArray a when schema.Items is { AnyDefaults: true } items:
                foreach (var item in a)
                {
                    changed |= Default(item, items);
                }

                break;
        }

        return changed;
    }

    /// <summary>JSON type names as kube-openapi reports them.</summary>
    internal static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    // Values may be parsed (JsonElement) or built in code (long, double), so read numbers through their JSON text.
    internal static double Numeric(JsonValue v) => double.Parse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsInteger(JsonValue v)
    {
        var d = Numeric(v);
        return Math.Truncate(d) == d && !double.IsInfinity(d);
    }

    private sealed class Walk(List<FieldError> errors, List<FieldError> ruleErrors)
    {
        private readonly List<(JsonNode Node, JsonNode? Old, bool HasOld, StructuralSchema Schema, string Path)> _pending = [];

        public void RunPendingRules()
        {
            foreach (var (node, old, hasOld, schema, path) in _pending)
            {
                RunRules(node, old, hasOld, schema, path);
            }
        }

        public void Validate(JsonNode? node, JsonNode? old, bool hasOld, StructuralSchema schema, string path, bool isRoot)
        {
            // Ratcheting: a value equal to the stored one passes even if the schema has since become stricter.
            if (hasOld && JsonNode.DeepEquals(node, old))
            {
                return;
            }

            var at = path.Length == 0 ? "body" : path;
            var actual = TypeName(node);
            if (node is null)
            {
                if (!schema.Nullable && schema.Type.Length > 0)
                {
                    errors.Add(FieldError.TypeInvalid(path, "null", $"{at} in body must be of type {schema.Type}: \"null\""));
                }

                return;
            }

            if (schema.IntOrString)
            {
                if (actual is not ("integer" or "string"))
                {
                    errors.Add(FieldError.TypeInvalid(path, actual, $"{at} in body must be of type integer,string: \"{actual}\""));
                    return;
                }
            }
            else if (schema.Type.Length > 0 && !(schema.Type == actual || (schema.Type == "number" && actual == "integer")))
            {
                errors.Add(FieldError.TypeInvalid(path, actual, $"{at} in body must be of type {schema.Type}: \"{actual}\""));
                return;
            }

            if (schema.Enum is { } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
            {
                errors.Add(FieldError.NotSupported(path, node,
                    allowed.Select(a => a is JsonValue av && av.GetValueKind() == JsonValueKind.String ? av.GetValue<string>() : a?.ToJsonString() ?? "null")));
            }

            // The API server evaluates a node's rules before descending into it.
            if (schema.Rules.Count > 0)
            {
                _pending.Add((node, old, hasOld, schema, path));
            }

            switch (node)
            {
                case JsonValue v when actual == "string":
                    ValidateString(v.GetValue<string>(), v, schema, path, at);
                    break;
                case JsonValue v when actual is "integer" or "number":
                    ValidateNumber(v, schema, path, at);
                    break;
                case JsonArray a:
                    ValidateArray(a, old as JsonArray, hasOld, schema, path, at);
                    break;
                case JsonObject o:
                    ValidateObject(o, old as JsonObject, hasOld, schema, path, at, isRoot);
                    break;
            }
        }

        private void ValidateString(string s, JsonNode node, StructuralSchema schema, string path, string at)
        {
            if (schema.MaxLength is { } max || schema.MinLength is not null)
            {
                var length = s.EnumerateRunes().Count();
                if (schema.MaxLength is { } maxLength && length > maxLength)
                {
                    errors.Add(FieldError.TooLong(path, maxLength));
                }

                if (schema.MinLength is { } min && length < min)
                {
                    errors.Add(FieldError.Invalid(path, node, $"{at} in body should be at least {min} chars long"));
                }
            }

            if (schema.Pattern is { } pattern && !pattern.Regex.IsMatch(s))
            {
                errors.Add(FieldError.Invalid(path, node, $"{at} in body should match '{pattern.Text}'"));
            }

            if (schema.Format is { } format && !Formats.IsValid(format, s))
            {
                errors.Add(FieldError.Invalid(path, node, $"{at} in body must be of type {format}: {FieldError.GoQuote(s)}"));
            }
        }

        private void ValidateNumber(JsonValue v, StructuralSchema schema, string path, string at)
        {
            var d = Numeric(v);
            if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? d >= max : d > max))
            {
                errors.Add(FieldError.Invalid(path, v, $"{at} in body should be less than {(schema.ExclusiveMaximum ? "" : "or equal to ")}{FieldError.GoFloat(max)}"));
            }

            if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? d <= min : d < min))
            {
                errors.Add(FieldError.Invalid(path, v, $"{at} in body should be greater than {(schema.ExclusiveMinimum ? "" : "or equal to ")}{FieldError.GoFloat(min)}"));
            }

            if (schema.MultipleOf is { } m && m > 0 && Math.Abs((d / m) - Math.Round(d / m)) > 1e-9)
            {
                errors.Add(FieldError.Invalid(path, v, $"{at} in body should be a multiple of {FieldError.GoFloat(m)}"));
            }
        }

        private void ValidateArray(JsonArray a, JsonArray? old, bool hasOld, StructuralSchema schema, string path, string at)
        {
            if (schema.MinItems is { } min && a.Count < min)
            {
                errors.Add(FieldError.Invalid(path, JsonValue.Create(a.Count), $"{at} in body should have at least {min} items"));
            }

            if (schema.MaxItems is { } max && a.Count > max)
            {
                errors.Add(FieldError.TooMany(path, a.Count, max));
            }

            if (schema.ListType == "set")
            {
                for (var i = 1; i < a.Count; i++)
                {
                    if (Enumerable.Range(0, i).Any(j => JsonNode.DeepEquals(a[j], a[i])))
                    {
                        errors.Add(FieldError.Duplicate($"{path}[{i}]", a[i]));
                    }
                }
            }
            else if (schema.ListType == "map" && schema.ListMapKeys.Count > 0)
            {
                var seen = new List<JsonObject>();
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is not JsonObject item)
                    {
                        continue;
                    }

                    var keys = MapKeys(item, schema.ListMapKeys);
                    if (seen.Any(s => JsonNode.DeepEquals(s, keys)))
                    {
                        errors.Add(FieldError.Duplicate($"{path}[{i}]", keys));
                    }

                    seen.Add(keys);
                }
            }

            if (schema.Items is not { } items)
            {
                return;
            }

            for (var i = 0; i < a.Count; i++)
            {
                var (oldItem, found) = schema.ListType switch
                {
                    "map" when hasOld && old is not null && a[i] is JsonObject item =>
                        old.OfType<JsonObject>().FirstOrDefault(o => JsonNode.DeepEquals(MapKeys(o, schema.ListMapKeys), MapKeys(item, schema.ListMapKeys))) is { } match
                            ? ((JsonNode?)match, true) : (null, false),
                    "set" when hasOld && old is not null => old.FirstOrDefault(o => JsonNode.DeepEquals(o, a[i])) is { } same ? (same, true) : (null, false),
                    _ => (null, false),
                };
                Validate(a[i], oldItem, found, items, $"{path}[{i}]", isRoot: false);
            }
        }

        private static JsonObject MapKeys(JsonObject item, IReadOnlyList<string> keys)
        {
            var o = new JsonObject();
            foreach (var k in keys)
            {
                o[k] = item[k]?.DeepClone();
            }

            return o;
        }

        private void ValidateObject(JsonObject o, JsonObject? old, bool hasOld, StructuralSchema schema, string path, string at, bool isRoot)
        {
            foreach (var required in schema.Required)
            {
                if (!o.ContainsKey(required))
                {
                    errors.Add(FieldError.Required(Join(path, required)));
                }
            }

            if (schema.EmbeddedResource)
            {
                foreach (var field in new[] { "apiVersion", "kind" })
                {
                    if (o[field] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Length == 0)
                    {
                        errors.Add(FieldError.Required(Join(path, field), "must not be empty"));
                    }
                }
            }

            if (schema.MaxProperties is { } maxProps && o.Count > maxProps)
            {
                errors.Add(FieldError.TooMany(path, o.Count, maxProps));
            }

            if (schema.MinProperties is { } minProps && o.Count < minProps)
            {
                errors.Add(FieldError.Invalid(path, JsonValue.Create(o.Count), $"{at} in body should have at least {minProps} properties"));
            }

            foreach (var (key, value) in o)
            {
                if ((isRoot || schema.EmbeddedResource) && RootMetaFields.Contains(key))
                {
                    continue;
                }

                if (schema.Child(key) is { } child)
                {
                    var hasOldChild = hasOld && old is not null && old.TryGetPropertyValue(key, out _);
                    Validate(value, hasOldChild ? old![key] : null, hasOldChild, child, Join(path, key), isRoot: false);
                }
            }
        }

        private void RunRules(JsonNode node, JsonNode? old, bool hasOld, StructuralSchema schema, string path)
        {
            var typeName = schema.Type.Length > 0 ? schema.Type : TypeName(node);
            foreach (var rule in schema.Rules)
            {
                if (rule.IsTransition && !hasOld && !rule.OptionalOldSelf)
                {
                    continue; // transition rules do not run on create or on newly added values
                }

                var variables = new Dictionary<string, CelValue> { ["self"] = CelValue.FromJson(node) };
                if (rule.OptionalOldSelf)
                {
                    variables["oldSelf"] = hasOld ? CelOptional.Of(CelValue.FromJson(old)) : CelOptional.None;
                }
                else if (hasOld)
                {
                    variables["oldSelf"] = CelValue.FromJson(old);
                }

                CelValue result;
                try
                {
                    result = rule.Program.Evaluate(variables);
                }
                catch (CelEvaluationException e)
                {
                    ruleErrors.Add(FieldError.Invalid(path, JsonValue.Create(typeName), $"{e.Message} evaluating rule: {(rule.Message ?? rule.Rule).Trim()}"));
                    continue;
                }

                if (result is not CelBool passed)
                {
                    ruleErrors.Add(FieldError.Invalid(path, JsonValue.Create(typeName), $"rule evaluation error: expected boolean, got {result.Type.Name} evaluating rule: {(rule.Message ?? rule.Rule).Trim()}"));
                    continue;
                }

                if (passed.Value)
                {
                    continue;
                }

                var message = MessageFor(rule, variables);
                var field = rule.FieldPath is { Length: > 0 } fieldPath ? (path + fieldPath).TrimStart('.') : path;
                ruleErrors.Add(rule.Reason switch
                {
                    "FieldValueForbidden" => FieldError.Forbidden(field, message),
                    "FieldValueRequired" => FieldError.Required(field, message),
                    "FieldValueDuplicate" => FieldError.Duplicate(field, JsonValue.Create(typeName)),
                    _ => FieldError.Invalid(field, JsonValue.Create(typeName), message),
                });
            }
        }

        private static string MessageFor(ValidationRule rule, Dictionary<string, CelValue> variables)
        {
            if (rule.MessageExpression is { } expression)
            {
                try
                {
                    if (expression.Evaluate(variables) is CelString { Value: { Length: > 0 } text } && !text.Contains('\n', StringComparison.Ordinal))
                    {
                        return text;
                    }
                }
                catch (CelEvaluationException)
                {
                    // The API server falls back to message when messageExpression fails.
                }
            }

            return rule.Message is { Length: > 0 } m ? m.Trim() : $"failed rule: {rule.Rule.Trim()}";
        }
    }
}
