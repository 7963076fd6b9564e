using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Text;
using static FluxOperator.Controllers.Templating.ParamType;
using F = FluxOperator.Controllers.Templating.TemplateFunction;

namespace FluxOperator.Controllers.Templating;

/// <summary>The function catalogue as a static table of delegates (no reflection): Go's built-ins, the slim-sprig
/// hermetic set and the ResourceSet functions. A name not in the table is a parse error.</summary>
internal static partial class TemplateFunctions
{
    private static readonly FrozenDictionary<string, TemplateFunction> Table = Build().ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public static bool Exists(string name) => name is "and" or "or" || Table.ContainsKey(name);

    public static bool TryGet(string name, out TemplateFunction function) => Table.TryGetValue(name, out function!);

    public static IEnumerable<string> Names => Table.Keys.Append("and").Append("or");

    private static IEnumerable<TemplateFunction> Build() =>
        Builtins().Concat(Defaults()).Concat(Strings()).Concat(Numbers()).Concat(Lists()).Concat(Maps()).Concat(Encodings()).Concat(Regexes())
            .Concat(PathsAndUrls()).Concat(Reflection()).Concat(Dates()).Concat(Operator())
            // sprig's functions win over built-ins of the same name (slice).
            .GroupBy(f => f.Name, StringComparer.Ordinal).Select(g => g.Last());

    internal static string S(object?[] args, int i) => (string)args[i]!;

    internal static long I(object?[] args, int i) => ((GoInt)args[i]!).Value;

    private static IEnumerable<TemplateFunction> Operator()
    {
        yield return F.Fixed("inputs", (c, _) => c.Inputs);
        yield return F.Fixed("slugify", (_, a) => Slug.Make(S(a, 0)), Text);
        yield return F.Fixed("toYaml", (_, a) =>
        {
            try
            {
                return GoYaml.Marshal(a[0]);
            }
            catch (FunctionException)
            {
                return string.Empty;
            }
        }, Any);
        yield return F.Fixed("mustToYaml", (_, a) => GoYaml.Marshal(a[0]), Any);
    }

    private static IEnumerable<TemplateFunction> Builtins()
    {
        yield return F.Fixed("not", (_, a) => !GoValues.IsTrue(a[0]), Value);
        yield return F.Fixed("len", (_, a) => new GoInt(Length(a[0])), Value);
        yield return F.Variadic("index", Value, (_, a) => Index(a[0], a.AsSpan(1)), Value);
        yield return F.Variadic("print", Any, (_, a) => Sprint(a));
        yield return F.Variadic("println", Any, (_, a) => string.Join(' ', a.Select(GoValues.Print)) + "\n");
        yield return F.Variadic("printf", Any, (_, a) => GoPrintf.Format(S(a, 0), a.AsSpan(1)), Text);
        yield return F.Variadic("html", Any, (_, a) => HtmlEscape(EvalArgs(a)));
        yield return F.Variadic("js", Any, (_, a) => JsEscape(EvalArgs(a)));
        yield return F.Variadic("urlquery", Any, (_, a) => WebUtility.UrlEncode(EvalArgs(a)));
        yield return F.Variadic("call", Value, (_, a) => throw new FunctionException(
            a[0] is null ? "call of nil" : $"non-function {GoValues.Print(a[0])} of type {GoValues.TypeName(a[0])}"), Value);
        yield return F.Variadic("eq", Value, (_, a) => GoCompare.Eq(a[0], a.AsSpan(1)), Value);
        yield return F.Fixed("ne", (_, a) => !GoCompare.Eq(a[0], a.AsSpan(1)), Value, Value);
        yield return F.Fixed("lt", (_, a) => GoCompare.Lt(a[0], a[1]), Value, Value);
        yield return F.Fixed("le", (_, a) => GoCompare.Lt(a[0], a[1]) || GoCompare.Eq(a[0], a.AsSpan(1)), Value, Value);
        yield return F.Fixed("gt", (_, a) => !(GoCompare.Lt(a[0], a[1]) || GoCompare.Eq(a[0], a.AsSpan(1))), Value, Value);
        yield return F.Fixed("ge", (_, a) => !GoCompare.Lt(a[0], a[1]), Value, Value);
    }

    /// <summary>Go's <c>fmt.Sprint</c>: a space between operands when neither is a string.</summary>
    internal static string Sprint(IReadOnlyList<object?> args)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                builder.Append(' ');
            }

            GoValues.AppendValue(builder, args[i], 0);
        }

        return builder.ToString();
    }

    private static string EvalArgs(object?[] args) => args is [string s] ? s : Sprint(args);

    private static long Length(object? item) => item switch
    {
        null => throw new FunctionException("len of nil pointer"),
        string s => System.Text.Encoding.UTF8.GetByteCount(s),
        List<object?> list => list.Count,
        Dictionary<string, object?> map => map.Count,
        _ => throw new FunctionException($"len of type {GoValues.TypeName(item)}"),
    };

    private static object? Index(object? item, ReadOnlySpan<object?> indexes)
    {
        if (item is null)
        {
            throw new FunctionException("index of untyped nil");
        }

        foreach (var index in indexes)
        {
            switch (item)
            {
                case null:
                    throw new FunctionException("index of nil pointer");
                case List<object?> list:
                    item = list[IndexArg(index, list.Count)];
                    break;
                case string s:
                    var bytes = System.Text.Encoding.UTF8.GetBytes(s);
                    item = new GoInt(bytes[IndexArg(index, bytes.Length)]);
                    break;
                case Dictionary<string, object?> map:
                    if (index is not string key)
                    {
                        throw new FunctionException(index is null
                            ? "value is nil; should be of type string"
                            : $"value has type {GoValues.TypeName(index)}; should be string");
                    }

                    item = map.GetValueOrDefault(key);
                    break;
                default:
                    throw new FunctionException($"can't index item of type {GoValues.TypeName(item)}");
            }
        }

        return item;
    }

    private static int IndexArg(object? index, int cap)
    {
        if (!GoValues.IsInteger(index, out var x))
        {
            throw new FunctionException($"cannot index slice/array with type {GoValues.TypeName(index)}");
        }

        if (x < 0 || x >= cap)
        {
            throw new FunctionException($"index out of range: {x}");
        }

        return (int)x;
    }

    private static string HtmlEscape(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\0' => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static string JsEscape(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\'': builder.Append(@"\'"); break;
                case '"': builder.Append("\\\""); break;
                case '<': builder.Append(@"\u003C"); break;
                case '>': builder.Append(@"\u003E"); break;
                case '&': builder.Append(@"\u0026"); break;
                case '=': builder.Append(@"\u003D"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                case < ' ':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
