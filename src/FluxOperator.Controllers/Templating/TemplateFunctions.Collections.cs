using static FluxOperator.Controllers.Templating.ParamType;
using F = FluxOperator.Controllers.Templating.TemplateFunction;

namespace FluxOperator.Controllers.Templating;

internal static partial class TemplateFunctions
{
    private static IEnumerable<TemplateFunction> Lists()
    {
        yield return F.Variadic("list", Any, (_, a) => a.ToList());
        yield return F.Variadic("tuple", Any, (_, a) => a.ToList());
        foreach (var (name, must) in new[] { ("append", false), ("push", false), ("mustAppend", true), ("mustPush", true) })
        {
            yield return F.Fixed(name, (_, a) => Must(must, () => [.. AsList(a[0], "Cannot push on type {0}"), a[1]]), Any, Any);
        }

        yield return F.Fixed("prepend", (_, a) => Must(false, () => [a[1], .. AsList(a[0], "Cannot prepend on type {0}")]), Any, Any);
        yield return F.Fixed("mustPrepend", (_, a) => Must(true, () => [a[1], .. AsList(a[0], "Cannot prepend on type {0}")]), Any, Any);
        foreach (var must in new[] { false, true })
        {
            var prefix = must ? "must" : string.Empty;
            string Name(string n) => must ? prefix + char.ToUpperInvariant(n[0]) + n[1..] : n;
            yield return F.Fixed(Name("first"), (_, a) => MustValue(must, () => AsList(a[0], "Cannot find first on type {0}") is { Count: > 0 } l ? l[0] : null), Any);
            yield return F.Fixed(Name("rest"), (_, a) => MustValue(must, () => AsList(a[0], "Cannot find rest on type {0}") is { Count: > 0 } l ? l[1..] : null), Any);
            yield return F.Fixed(Name("last"), (_, a) => MustValue(must, () => AsList(a[0], "Cannot find last on type {0}") is { Count: > 0 } l ? l[^1] : null), Any);
            yield return F.Fixed(Name("initial"), (_, a) => MustValue(must, () => AsList(a[0], "Cannot find initial on type {0}") is { Count: > 0 } l ? l[..^1] : null), Any);
            yield return F.Fixed(Name("reverse"), (_, a) => Must(must, () => Enumerable.Reverse(AsList(a[0], "Cannot find reverse on type {0}")).ToList()), Any);
            yield return F.Fixed(Name("uniq"), (_, a) => Must(must, () => Uniq(AsList(a[0], "Cannot find uniq on type {0}"))), Any);
            yield return F.Variadic(Name("without"), Any, (_, a) => Must(must, () =>
                AsList(a[0], "Cannot find without on type {0}").Where(x => !a.Skip(1).Any(o => GoValues.DeepEqual(o, x))).ToList()), Any);
            yield return F.Fixed(Name("has"), (_, a) => MustValue(must, () => a[1] is null
                ? false
                : AsList(a[1], "Cannot find has on type {0}").Any(x => GoValues.DeepEqual(x, a[0]))), Any, Any);
            yield return F.Variadic(Name("slice"), Any, (_, a) => MustValue(must, () => Slice(a[0], a.AsSpan(1).ToArray())), Any);
            yield return F.Fixed(Name("compact"), (_, a) => Must(must, () => AsList(a[0], "Cannot compact on type {0}").Where(x => !Empty(x)).ToList()), Any);
            yield return F.Fixed(Name("chunk"), (_, a) => Must(must, () => Chunk(I(a, 0), AsList(a[1], "Cannot chunk type {0}"))), Int, Any);
        }

        yield return F.Variadic("concat", Any, (_, a) => a.SelectMany(l => AsList(l, "Cannot concat type {0} as list")).ToList());
    }

    private static List<object?> Must(bool must, Func<List<object?>> body)
    {
        _ = must; // Go's non-must variants panic, which the engine reports exactly like the must variant's error.
        return body();
    }

    private static object? MustValue(bool must, Func<object?> body)
    {
        _ = must;
        return body();
    }

    private static List<object?> AsList(object? value, string error) => value switch
    {
        List<object?> list => list,
        _ => throw new FunctionException(string.Format(System.Globalization.CultureInfo.InvariantCulture, error, GoValues.KindName(value) == "invalid" ? "<nil>" : GoValues.KindName(value))),
    };

    private static List<object?> Uniq(List<object?> list)
    {
        var result = new List<object?>();
        foreach (var item in list)
        {
            if (!result.Any(r => GoValues.DeepEqual(r, item)))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static object? Slice(object? list, object?[] indices)
    {
        var l = list as List<object?> ?? throw new FunctionException($"list should be type of slice or array but {GoValues.KindName(list)}");
        if (l.Count == 0)
        {
            return null;
        }

        var start = indices.Length > 0 ? ToInt64(indices[0]) : 0;
        var end = indices.Length < 2 ? l.Count : ToInt64(indices[1]);
        if (start < 0 || end > l.Count || start > end)
        {
            throw new FunctionException($"reflect: slice index out of range");
        }

        return l.GetRange((int)start, (int)(end - start));
    }

    private static List<object?> Chunk(long size, List<object?> list)
    {
        if (size <= 0)
        {
            throw new FunctionException("runtime error: integer divide by zero");
        }

        var result = new List<object?>();
        for (var i = 0; i < list.Count; i += (int)size)
        {
            result.Add(list.GetRange(i, (int)Math.Min(size, list.Count - i)));
        }

        return result;
    }

    /// <summary>sprig's <c>empty</c>: nil, false, zero, and empty strings, lists and maps.</summary>
    internal static bool Empty(object? value) => !GoValues.IsTrue(value) && value is not DateTimeOffset;

    private static IEnumerable<TemplateFunction> Maps()
    {
        yield return F.Variadic("dict", Any, (_, a) =>
        {
            var map = GoValues.NewMap();
            for (var i = 0; i < a.Length; i += 2)
            {
                map[StrVal(a[i])] = i + 1 < a.Length ? a[i + 1] : string.Empty;
            }

            return map;
        });
        yield return F.Fixed("get", (_, a) => a[0] is Dictionary<string, object?> m && m.TryGetValue(S(a, 1), out var v) ? v : string.Empty, Map, Text);
        yield return F.Fixed("set", (_, a) =>
        {
            NonNil(a[0], "set")[S(a, 1)] = a[2];
            return a[0];
        }, Map, Text, Any);
        yield return F.Fixed("unset", (_, a) =>
        {
            (a[0] as Dictionary<string, object?>)?.Remove(S(a, 1));
            return a[0];
        }, Map, Text);
        yield return F.Fixed("hasKey", (_, a) => a[0] is Dictionary<string, object?> m && m.ContainsKey(S(a, 1)), Map, Text);
        yield return F.Variadic("pluck", Map, (_, a) => a.Skip(1).OfType<Dictionary<string, object?>>()
            .Where(m => m.ContainsKey(S(a, 0))).Select(m => m[S(a, 0)]).ToList(), Text);
        yield return F.Variadic("keys", Map, (_, a) => a.OfType<Dictionary<string, object?>>()
            .SelectMany(GoValues.SortedKeys).Cast<object?>().ToList());
        yield return F.Variadic("pick", Text, (_, a) =>
        {
            var source = a[0] as Dictionary<string, object?> ?? GoValues.NewMap();
            var map = GoValues.NewMap();
            foreach (var key in a.Skip(1).Cast<string>())
            {
                if (source.TryGetValue(key, out var v))
                {
                    map[key] = v;
                }
            }

            return map;
        }, Map);
        yield return F.Variadic("omit", Text, (_, a) =>
        {
            var source = a[0] as Dictionary<string, object?> ?? GoValues.NewMap();
            var omit = a.Skip(1).Cast<string>().ToHashSet(StringComparer.Ordinal);
            var map = GoValues.NewMap();
            foreach (var (key, v) in source)
            {
                if (!omit.Contains(key))
                {
                    map[key] = v;
                }
            }

            return map;
        }, Map);
        yield return F.Fixed("values", (_, a) => a[0] is Dictionary<string, object?> m
            ? GoValues.SortedKeys(m).Select(k => m[k]).ToList()
            : [], Map);
        yield return F.Variadic("dig", Any, (_, a) => Dig(a));
    }

    private static Dictionary<string, object?> NonNil(object? map, string function) =>
        map as Dictionary<string, object?> ?? throw new FunctionException($"assignment to entry in nil map ({function})");

    private static object? Dig(object?[] ps)
    {
        if (ps.Length < 3)
        {
            throw new FunctionException("dig needs at least three arguments");
        }

        var dict = ps[^1] as Dictionary<string, object?>
            ?? throw new FunctionException($"interface conversion: interface {{}} is {GoValues.TypeName(ps[^1])}, not map[string]interface {{}}");
        var fallback = ps[^2];
        for (var i = 0; i < ps.Length - 2; i++)
        {
            var key = ps[i] as string
                ?? throw new FunctionException($"interface conversion: interface {{}} is {GoValues.TypeName(ps[i])}, not string");
            if (!dict.TryGetValue(key, out var step))
            {
                return fallback;
            }

            if (i == ps.Length - 3)
            {
                return step;
            }

            dict = step as Dictionary<string, object?>
                ?? throw new FunctionException($"interface conversion: interface {{}} is {GoValues.TypeName(step)}, not map[string]interface {{}}");
        }

        return fallback;
    }
}
