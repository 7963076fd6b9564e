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
}
