using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Merge lists: kyaml's associative-sequence walk, element identity and ordering included.</summary>
internal static partial class StrategicMerge
{
    private static Source WalkMergeList(Source dest, Source origin, MergeSchema schema)
    {
        Source chosen;
        if (dest.MissingOrNull)
        {
            chosen = origin;
        }
        else if (origin.TaggedNull)
        {
            return Source.Missing;
        }
        else
        {
            chosen = dest;
        }

        if (chosen.Node is not JsonArray chosenList)
        {
            return chosen.Present ? chosen : Source.Missing;
        }

        var destList = chosenList.ToList();
        var originList = (origin.Node as JsonArray)?.ToList();
        var keys = schema.Keys.ToArray();
        var values = ElementValues(destList, originList, keys);
        if (values.Count == 0 && keys.Length == 0)
        {
            values = PrimitiveValues(destList, originList);
            keys = [string.Empty];
        }

        var merged = SetElements(values, keys, destList, originList, schema.Items);
        return new Source(true, new JsonArray(merged.Select(e => e?.DeepClone()).ToArray()));
    }

    /// <summary>The key tuples of every element, the patch's first, without repeats.</summary>
    private static List<string[]> ElementValues(List<JsonNode?> dest, List<JsonNode?>? origin, string[] keys)
    {
        var result = new List<string[]>();
        foreach (var list in new[] { origin, dest })
        {
            if (list is null)
            {
                continue;
            }

            foreach (var element in list)
            {
                var tuple = keys.Select(k => element is JsonObject o && o.TryGetPropertyValue(k, out var v) && !IsNilOrEmpty(v) ? Text(v) : string.Empty).ToArray();
                if (tuple.Length > 0 && !result.Any(r => r.SequenceEqual(tuple)))
                {
                    result.Add(tuple);
                }
            }
        }

        return result;
    }

    private static List<string[]> PrimitiveValues(List<JsonNode?> dest, List<JsonNode?>? origin)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string[]>();
        foreach (var list in new[] { origin, dest })
        {
            foreach (var element in list ?? [])
            {
                var text = Text(element);
                if (seen.Add(text))
                {
                    result.Add([text]);
                }
            }
        }

        return result;
    }

    private static bool IsNilOrEmpty(JsonNode? node) => node is null or JsonObject { Count: 0 } or JsonArray { Count: 0 };

    private static List<JsonNode?> SetElements(List<string[]> valuesList, string[] keys, List<JsonNode?> dest, List<JsonNode?>? origin, MergeSchema? items)
    {
        var added = new List<JsonNode?>();
        if (keys.Length > 1)
        {
            MergeValues(valuesList);
        }

        string[] validKeys = keys;
        foreach (var values in valuesList)
        {
            if (values.Length == 0)
            {
                continue;
            }

            (validKeys, var validValues) = ValidateKeys(valuesList, values, keys);
            var (matchKeys, matchValues) = ValidateKeys([validValues], validValues, validKeys);
            var destElement = FindElement(dest, matchKeys, matchValues);
            var originElement = origin is null ? Source.Missing : FindElement(origin, matchKeys, matchValues);
            var value = Walk(destElement, originElement, items);
            if (value.MissingOrNull || value.Node is JsonObject { Count: 0 })
            {
                SetElement(dest, validKeys, validValues, null);
                continue;
            }

            if (value.Node is JsonObject element)
            {
                for (var i = 0; i < validKeys.Length; i++)
                {
                    if (validKeys[i].Length > 0 && !element.ContainsKey(validKeys[i]) && validValues[i].Length > 0)
                    {
                        element[validKeys[i]] = validValues[i];
                    }
                }
            }

            SetElement(added, validKeys, validValues, value.Node);
        }

        if (valuesList.Count > 0)
        {
            AppendElements(added, dest, validKeys);
        }

        return added;
    }

    /// <summary>kyaml's validateKeys: keep the keys some tuple has a value for.</summary>
    private static (string[] Keys, string[] Values) ValidateKeys(List<string[]> valuesList, string[] values, string[] keys)
    {
        var valid = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tuple in valuesList)
        {
            for (var i = 0; i < tuple.Length && i < keys.Length; i++)
            {
                if (tuple[i].Length > 0)
                {
                    valid.Add(keys[i]);
                }
            }
        }

        if (valid.Count == 0)
        {
            return (keys, values);
        }

        var validValues = new List<string>();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Length > 0 || (i < keys.Length && valid.Contains(keys[i])))
            {
                validValues.Add(values[i]);
            }
        }

        return (keys.Where(valid.Contains).ToArray(), validValues.ToArray());
    }

    /// <summary>kyaml's mergeValues: tuples equal up to empty entries become one (a port with and without protocol).</summary>
    private static void MergeValues(List<string[]> valuesList)
    {
        for (var i = 0; i < valuesList.Count; i++)
        {
            var first = valuesList[i];
            for (var j = 0; j < valuesList.Count; j++)
            {
                if (Match(first, valuesList[j]) is { } merged)
                {
                    valuesList[i] = merged;
                    valuesList[j] = merged;
                }
            }
        }
    }

    private static string[]? Match(string[] a, string[] b)
    {
        if (a.Length != b.Length)
        {
            return null;
        }

        var common = false;
        var result = new string[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                common = true;
                result[i] = a[i];
                continue;
            }

            if (a[i].Length > 0 && b[i].Length > 0)
            {
                return null;
            }

            result[i] = a[i].Length > 0 ? a[i] : b[i];
        }

        return common ? result : null;
    }

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
