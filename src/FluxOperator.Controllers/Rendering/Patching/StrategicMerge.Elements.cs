using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Element lookup and replacement inside merge lists, as kyaml's ElementMatcher, ElementSetter and appendListNode do.</summary>
internal static partial class StrategicMerge
{
    /// <summary>kyaml's ElementMatcher: the first element whose key fields have exactly these values.</summary>
    private static Source FindElement(List<JsonNode?> list, string[] keys, string[] values)
    {
        if (keys.Length == 0 || keys[0].Length == 0)
        {
            var value = values.Length > 0 ? values[0] : string.Empty;
            var scalar = list.FirstOrDefault(e => e is JsonValue && Text(e) == value);
            return scalar is null ? Source.Missing : new Source(true, scalar);
        }

        foreach (var element in list)
        {
            if (element is JsonObject obj && keys.Select((k, i) => obj.TryGetPropertyValue(k, out var v) && Text(v) == values[i]).All(m => m))
            {
                return new Source(true, obj);
            }
        }

        return Source.Missing;
    }

    /// <summary>kyaml's ElementSetter: replace the matching elements in place (or delete them), append when none matched.</summary>
    private static void SetElement(List<JsonNode?> list, string[] keys, string[] values, JsonNode? element)
    {
        if (keys.Length == 0)
        {
            keys = [string.Empty];
        }

        var mappingSetter = keys[0].Length > 0 && values.Length > 0 && values[0].Length > 0;
        var result = new List<JsonNode?>();
        var found = false;
        foreach (var candidate in list)
        {
            if (candidate is null or JsonObject { Count: 0 })
            {
                continue; // kyaml drops empty elements
            }

            if (candidate is not JsonObject && mappingSetter)
            {
                result.Add(candidate);
                continue;
            }

            var matches = values.Length > 0;
            for (var j = 0; j < keys.Length && j < values.Length; j++)
            {
                if (!FieldMatches(candidate, keys[j], values[j]))
                {
                    matches = false;
                    break;
                }
            }

            if (!matches)
            {
                if (values.Length > 0)
                {
                    result.Add(candidate);
                }

                continue;
            }

            found = true;
            if (element is not null)
            {
                result.Add(element);
            }
        }

        list.Clear();
        list.AddRange(result);
        if (element is not null && !found)
        {
            list.Add(element);
        }
    }

    private static bool FieldMatches(JsonNode candidate, string key, string value)
    {
        if (key.Length == 0)
        {
            if (candidate is not JsonValue)
            {
                throw new InvalidOperationException($"wrong node kind: expected ScalarNode but got {NodeKind(candidate)}");
            }

            return Text(candidate) == value;
        }

        if (candidate is not JsonObject obj)
        {
            throw new InvalidOperationException($"wrong node kind: expected MappingNode but got {NodeKind(candidate)}");
        }

        // An empty value matches on the key's presence alone (kyaml's FieldMatcher without value).
        return obj.TryGetPropertyValue(key, out var field) && (value.Length == 0 || Text(field) == value);
    }

    /// <summary>kyaml's appendListNode: moves every remaining existing element after the patch's.</summary>
    private static void AppendElements(List<JsonNode?> added, List<JsonNode?> dest, string[] keys)
    {
        foreach (var element in dest.ToArray())
        {
            if (keys[0].Length == 0)
            {
                SetElement(added, [string.Empty], [Text(element)], element);
                continue;
            }

            var values = new List<string>();
            foreach (var key in keys)
            {
                if (element is not JsonObject obj || !obj.TryGetPropertyValue(key, out var value))
                {
                    added.Add(element); // kyaml appends an element without the key as it is
                    continue;
                }

                values.Add(Text(value));
            }

            if (keys.Length > 1)
            {
                SetElement(added, keys, values.ToArray(), null);
            }

            SetElement(added, keys, values.ToArray(), element);
        }
    }
}
