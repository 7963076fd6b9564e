using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>RFC 6902 JSON patches with the semantics and messages of the reference library (evanphx/json-patch v4), which kustomize uses.</summary>
/// <remarks>
/// Quirks kept on purpose: <c>replace</c> of a missing object member adds it; negative indices count from the end;
/// <c>copy</c> from a missing member writes <c>null</c>; a member holding <c>null</c> reads as missing; a path without
/// leading slash addresses the root.
/// </remarks>
internal static partial class JsonPatch
{
    /// <summary>Applies every operation in order to <paramref name="document"/> (mutated); throws on the first failure.</summary>
    /// <exception cref="InvalidOperationException">An operation failed; the message is the reference's.</exception>
    public static void Apply(JsonObject document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        var root = new Container(document);
        foreach (var node in operations)
        {
            var op = node as JsonObject ?? new JsonObject();
            var kind = op["op"] is JsonValue v && v.TryGetValue(out string? s) ? s : "unknown";
            switch (kind)
            {
                case "add":
                    Add(root, op);
                    break;
                case "remove":
                    Remove(root, op);
                    break;
                case "replace":
                    Replace(root, op);
                    break;
                case "move":
                    Move(root, op);
                    break;
                case "test":
                    Test(root, op);
                    break;
                case "copy":
                    Copy(root, op);
                    break;
                default:
                    throw Fail($"Unexpected kind: {kind}");
            }
        }
    }

    private static InvalidOperationException Fail(string message) => new(message);

    private static string? Member(JsonObject op, string name) =>
        op[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>The operation's <c>value</c>: a copy, or null when absent or null.</summary>
    private static JsonNode? Value(JsonObject op) => op["value"]?.DeepClone();

    private static void Add(Container root, JsonObject op)
    {
        var path = Member(op, "path") ?? throw Fail("add operation failed to decode path: missing value");
        var (parent, key) = FindObject(root, path);
        if (parent is null)
        {
            throw Fail($"add operation does not apply: doc is missing path: \"{path}\": missing value");
        }

        Wrap(() => parent.Add(key, Value(op)), $"error in add for path: '{path}'");
    }

    private static void Remove(Container root, JsonObject op)
    {
        var path = Member(op, "path") ?? throw Fail("remove operation failed to decode path: missing value");
        var (parent, key) = FindObject(root, path);
        if (parent is null)
        {
            throw Fail($"remove operation does not apply: doc is missing path: \"{path}\": missing value");
        }

        Wrap(() => parent.Remove(key), $"error in remove for path: '{path}'");
    }

    private static void Replace(Container root, JsonObject op)
    {
        var path = Member(op, "path") ?? throw Fail("replace operation failed to decode path: operation missing path field: missing value");
        var (parent, key) = FindObject(root, path);
        if (parent is null)
        {
            throw Fail($"replace operation does not apply: doc is missing path: {path}: missing value");
        }

        try
        {
            parent.Get(key);
        }
        catch (PatchStepException)
        {
            throw Fail($"replace operation does not apply: doc is missing key: {path}: missing value");
        }

        Wrap(() => parent.Set(key, Value(op)), $"error in remove for path: '{path}'");
    }

    private static void Move(Container root, JsonObject op)
    {
        var from = Member(op, "from") ?? throw Fail("move operation failed to decode from: operation, missing from field: missing value");
        var (source, fromKey) = FindObject(root, from);
        if (source is null)
        {
            throw Fail($"move operation does not apply: doc is missing from path: {from}: missing value");
        }

        var value = Wrap(() => source.Get(fromKey), $"error in move for path: '{fromKey}'");
        value = value?.DeepClone();
        Wrap(() => source.Remove(fromKey), $"error in move for path: '{fromKey}'");
        var path = Member(op, "path") ?? throw Fail("move operation failed to decode path: operation missing path field: missing value");
        var (target, key) = FindObject(root, path);
        if (target is null)
        {
            throw Fail($"move operation does not apply: doc is missing destination path: {path}: missing value");
        }

        Wrap(() => target.Add(key, value), $"error in move for path: '{path}'");
    }

    private static void Copy(Container root, JsonObject op)
    {
        var from = Member(op, "from") ?? throw Fail("copy operation failed to decode from: operation, missing from field: missing value");
        var (source, fromKey) = FindObject(root, from);
        if (source is null)
        {
            throw Fail($"copy operation does not apply: doc is missing from path: {from}: missing value");
        }

        var value = Wrap(() => source.Get(fromKey), $"error in copy for from: '{from}'")?.DeepClone();
        var path = Member(op, "path") ?? throw Fail("copy operation failed to decode path: missing value");
        var (target, key) = FindObject(root, path);
        if (target is null)
        {
            throw Fail($"copy operation does not apply: doc is missing destination path: {path}: missing value");
        }

        Wrap(() => target.Add(key, value), "error while adding value during copy");
    }

    private static void Test(Container root, JsonObject op)
    {
        var path = Member(op, "path") ?? throw Fail("test operation failed to decode path: operation missing path field: missing value");
        var (parent, key) = FindObject(root, path);
        if (parent is null)
        {
            throw Fail($"test operation does not apply: is missing path: {path}: missing value");
        }

        var actual = Wrap(() => parent.Get(key), $"error in test for path: '{path}'");
        var expected = op["value"];
        var passed = actual is null ? expected is null : op.ContainsKey("value") && expected is not null && Equal(actual, expected);
        if (!passed)
        {
            throw Fail($"testing value {path} failed: test failed");
        }
    }

    /// <summary>Structural equality; scalars compare by their JSON text, so <c>1</c> and <c>"1"</c> differ.</summary>
    private static bool Equal(JsonNode actual, JsonNode expected) => (actual, expected) switch
    {
        (JsonObject a, JsonObject e) => a.Count == e.Count && a.All(p => e.TryGetPropertyValue(p.Key, out var ev) && (p.Value is null ? ev is null : ev is not null && Equal(p.Value, ev))),
        (JsonArray a, JsonArray e) => a.Count == e.Count && a.Zip(e).All(x => x.First is null ? x.Second is null : x.Second is not null && Equal(x.First, x.Second)),
        (JsonValue a, JsonValue e) => a.ToJsonString() == e.ToJsonString(),
        _ => false,
    };

    private static T Wrap<T>(Func<T> action, string context)
    {
        try
        {
            return action();
        }
        catch (PatchStepException e)
        {
            throw Fail($"{context}: {e.Message}");
        }
    }

    private static void Wrap(Action action, string context) => Wrap(() => { action(); return 0; }, context);

    private static (Container? Parent, string Key) FindObject(Container root, string path)
    {
        var split = path.Split('/');
        if (split.Length < 2)
        {
            return (null, string.Empty);
        }

        var current = root;
        foreach (var part in split[1..^1])
        {
            JsonNode? next;
            try
            {
                next = current.Get(Decode(part));
            }
            catch (PatchStepException)
            {
                return (null, string.Empty);
            }

            if (next is not (JsonObject or JsonArray))
            {
                return (null, string.Empty);
            }

            current = new Container(next);
        }

        return (current, Decode(split[^1]));
    }

    /// <summary>RFC 6901 unescaping in one pass (<c>~1</c> → <c>/</c>, <c>~0</c> → <c>~</c>).</summary>
    internal static string Decode(string token)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        var builder = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '~' && i + 1 < token.Length && token[i + 1] is '0' or '1')
            {
                builder.Append(token[i + 1] == '0' ? '~' : '/');
                i++;
            }
            else
            {
                builder.Append(token[i]);
            }
        }

        return builder.ToString();
    }
}
