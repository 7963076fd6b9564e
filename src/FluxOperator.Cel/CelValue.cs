using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FluxOperator.Cel;

/// <summary>A CEL runtime value: null, bool, int, uint, double, string, bytes, list, map, type, duration, timestamp, optional.</summary>
public abstract class CelValue
{
    /// <summary>The CEL type of the value.</summary>
    public abstract CelType Type { get; }

    /// <summary>The value as a bool; throws when it is not one.</summary>
    public bool AsBool() => this is CelBool b ? b.Value : throw new CelEvaluationException($"expected bool, got {Type.Name}");

    /// <summary>The value as a string; throws when it is not one.</summary>
    public string AsString() => this is CelString s ? s.Value : throw new CelEvaluationException($"expected string, got {Type.Name}");

    /// <summary>The value as an int; throws when it is not one.</summary>
    public long AsInt() => this is CelInt i ? i.Value : throw new CelEvaluationException($"expected int, got {Type.Name}");

    /// <summary>Converts a JSON tree into CEL values (objects and arrays are wrapped, not copied).</summary>
    public static CelValue FromJson(JsonNode? node) => node switch
    {
        null => CelNull.Instance,
        JsonObject o => new JsonObjectMap(o),
        JsonArray a => new JsonArrayList(a),
        JsonValue v => FromJsonValue(v),
        _ => CelNull.Instance,
    };

    private static CelValue FromJsonValue(JsonValue v)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.String:
                return new CelString(v.GetValue<string>());
            case JsonValueKind.True:
                return CelBool.True;
            case JsonValueKind.False:
                return CelBool.False;
            case JsonValueKind.Number:
                if (v.TryGetValue<long>(out var l))
                {
                    return new CelInt(l);
                }

                if (v.TryGetValue<int>(out var i))
                {
                    return new CelInt(i);
                }

                if (v.TryGetValue<ulong>(out var u))
                {
                    return new CelUInt(u);
                }

                if (v.TryGetValue<JsonElement>(out var e))
                {
                    return e.TryGetInt64(out var el) ? new CelInt(el) : new CelDouble(e.GetDouble());
                }

                if (v.TryGetValue<double>(out var d))
                {
                    return new CelDouble(d);
                }

                // Any other numeric representation (decimal, float, …): read it through its JSON text.
                var text = v.ToJsonString();
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? new CelInt(parsed)
                    : new CelDouble(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            default:
                return CelNull.Instance;
        }
    }

    /// <summary>Converts the value back to JSON (durations and timestamps as their string forms).</summary>
    public abstract JsonNode? ToJson();

    /// <summary>CEL equality (heterogeneous numbers compare by value; different kinds are unequal).</summary>
    public static bool Equal(CelValue a, CelValue b)
    {
        if (CelNumber.IsNumber(a) && CelNumber.IsNumber(b))
        {
            return CelNumber.Compare(a, b) == 0;
        }

        return a.EqualsSameKind(b);
    }

    /// <summary>Equality with a value of possibly another kind (false when kinds differ).</summary>
    protected abstract bool EqualsSameKind(CelValue other);

    /// <inheritdoc/>
    public override string ToString() => Type.Name;
}

/// <summary>The CEL null value.</summary>
public sealed class CelNull : CelValue
{
    /// <summary>The only null.</summary>
    public static readonly CelNull Instance = new();

    private CelNull()
    {
    }

    /// <inheritdoc/>
    public override CelType Type => CelType.Null;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => null;

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelNull;

    /// <inheritdoc/>
    public override string ToString() => "null";
}

/// <summary>A CEL bool.</summary>
public sealed class CelBool : CelValue
{
    /// <summary>true.</summary>
    public static readonly CelBool True = new(true);

    /// <summary>false.</summary>
    public static readonly CelBool False = new(false);

    private CelBool(bool value) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <summary>The shared instance for a bool.</summary>
    public static CelBool Of(bool value) => value ? True : False;

    /// <inheritdoc/>
    public override CelType Type => CelType.Bool;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(Value);

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelBool b && b.Value == Value;

    /// <inheritdoc/>
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>A CEL int (64-bit signed; arithmetic overflow is an error).</summary>
public sealed class CelInt(long value) : CelValue
{
    /// <summary>The value.</summary>
    public long Value { get; } = value;

    /// <inheritdoc/>
    public override CelType Type => CelType.Int;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(Value);

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelInt i && i.Value == Value;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A CEL uint (64-bit unsigned).</summary>
public sealed class CelUInt(ulong value) : CelValue
{
    /// <summary>The value.</summary>
    public ulong Value { get; } = value;

    /// <inheritdoc/>
    public override CelType Type => CelType.UInt;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(Value);

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelUInt u && u.Value == Value;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + "u";
}

/// <summary>A CEL double.</summary>
public sealed class CelDouble(double value) : CelValue
{
    /// <summary>The value.</summary>
    public double Value { get; } = value;

    /// <inheritdoc/>
    public override CelType Type => CelType.Double;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(Value);

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelDouble d && d.Value.Equals(Value) && !double.IsNaN(Value);

    /// <inheritdoc/>
    public override string ToString() => CelFormat.Double(Value);
}

/// <summary>A CEL string.</summary>
public sealed class CelString(string value) : CelValue
{
    /// <summary>The value.</summary>
    public string Value { get; } = value;

    /// <inheritdoc/>
    public override CelType Type => CelType.String;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(Value);

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A CEL bytes value.</summary>
public sealed class CelBytes(byte[] value) : CelValue
{
    /// <summary>The bytes (not copied; treat as immutable).</summary>
    public byte[] Value { get; } = value;

    /// <inheritdoc/>
    public override CelType Type => CelType.Bytes;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(Convert.ToBase64String(Value));

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelBytes b && b.Value.AsSpan().SequenceEqual(Value);

    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(Value);
}

/// <summary>A CEL type value (what <c>type(x)</c> returns and what <c>int</c>, <c>string</c>, … name).</summary>
public sealed class CelType : CelValue
{
    /// <summary>null_type.</summary>
    public static readonly CelType Null = new("null_type");

    /// <summary>bool.</summary>
    public static readonly CelType Bool = new("bool");

    /// <summary>int.</summary>
    public static readonly CelType Int = new("int");

    /// <summary>uint.</summary>
    public static readonly CelType UInt = new("uint");

    /// <summary>double.</summary>
    public static readonly CelType Double = new("double");

    /// <summary>string.</summary>
    public static readonly CelType String = new("string");

    /// <summary>bytes.</summary>
    public static readonly CelType Bytes = new("bytes");

    /// <summary>list.</summary>
    public static readonly CelType List = new("list");

    /// <summary>map.</summary>
    public static readonly CelType Map = new("map");

    /// <summary>type.</summary>
    public static readonly CelType TypeType = new("type");

    /// <summary>google.protobuf.Duration.</summary>
    public static readonly CelType Duration = new("google.protobuf.Duration");

    /// <summary>google.protobuf.Timestamp.</summary>
    public static readonly CelType Timestamp = new("google.protobuf.Timestamp");

    /// <summary>optional_type.</summary>
    public static readonly CelType Optional = new("optional_type");

    internal static readonly IReadOnlyDictionary<string, CelType> ByIdentifier = new Dictionary<string, CelType>(StringComparer.Ordinal)
    {
        ["null_type"] = Null, ["bool"] = Bool, ["int"] = Int, ["uint"] = UInt, ["double"] = Double, ["string"] = String,
        ["bytes"] = Bytes, ["list"] = List, ["map"] = Map, ["type"] = TypeType, ["google.protobuf.Duration"] = Duration,
        ["google.protobuf.Timestamp"] = Timestamp, ["optional_type"] = Optional,
    };

    private CelType(string name) => Name = name;

    /// <summary>The type's name as CEL prints it.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override CelType Type => TypeType;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(Name);

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => ReferenceEquals(other, this);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A CEL duration (google.protobuf.Duration), nanosecond precision.</summary>
public sealed class CelDuration(long nanoseconds) : CelValue
{
    /// <summary>Nanoseconds.</summary>
    public long Nanoseconds { get; } = nanoseconds;

    /// <inheritdoc/>
    public override CelType Type => CelType.Duration;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(CelFormat.Duration(Nanoseconds));

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelDuration d && d.Nanoseconds == Nanoseconds;

    /// <inheritdoc/>
    public override string ToString() => CelFormat.Duration(Nanoseconds);
}

/// <summary>A CEL timestamp (google.protobuf.Timestamp), UTC, 100 ns precision.</summary>
public sealed class CelTimestamp(DateTimeOffset value) : CelValue
{
    /// <summary>The instant.</summary>
    public DateTimeOffset Value { get; } = value;

    /// <inheritdoc/>
    public override CelType Type => CelType.Timestamp;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => JsonValue.Create(ToString());

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) => other is CelTimestamp t && t.Value == Value;

    /// <inheritdoc/>
    public override string ToString() => Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A CEL optional value (<c>optional.of(x)</c>, <c>optional.none()</c>, results of <c>a.?b</c>).</summary>
public sealed class CelOptional : CelValue
{
    /// <summary>The empty optional.</summary>
    public static readonly CelOptional None = new(null);

    private CelOptional(CelValue? value) => Value = value;

    /// <summary>The held value, or null when empty.</summary>
    public CelValue? Value { get; }

    /// <summary>An optional holding a value.</summary>
    public static CelOptional Of(CelValue value) => new(value);

    /// <inheritdoc/>
    public override CelType Type => CelType.Optional;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => Value?.ToJson();

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other) =>
        other is CelOptional o && (o.Value is null ? Value is null : Value is not null && Equal(o.Value, Value));

    /// <inheritdoc/>
    public override string ToString() => Value is null ? "optional.none()" : $"optional.of({Value})";
}

/// <summary>A CEL list.</summary>
public abstract class CelList : CelValue
{
    /// <summary>Number of elements.</summary>
    public abstract int Count { get; }

    /// <summary>The element at an index.</summary>
    public abstract CelValue this[int index] { get; }

    /// <summary>The elements in order.</summary>
    public IEnumerable<CelValue> Items
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }
    }

    /// <inheritdoc/>
    public override CelType Type => CelType.List;

    /// <inheritdoc/>
    public override JsonNode? ToJson() => new JsonArray(Items.Select(i => i.ToJson()).ToArray());

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other)
    {
        if (other is not CelList l || l.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (!Equal(this[i], l[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", Items.Select(i => i.ToString())) + "]";
}

/// <summary>A list held in memory.</summary>
public sealed class CelArrayList(IReadOnlyList<CelValue> items) : CelList
{
    /// <summary>The empty list.</summary>
    public static readonly CelArrayList Empty = new([]);

    /// <inheritdoc/>
    public override int Count => items.Count;

    /// <inheritdoc/>
    public override CelValue this[int index] => items[index];
}

/// <summary>A view of a JSON array as a CEL list.</summary>
internal sealed class JsonArrayList(JsonArray array) : CelList
{
    public override int Count => array.Count;

    public override CelValue this[int index] => FromJson(array[index]);

    public override JsonNode? ToJson() => array.DeepClone();
}

/// <summary>A CEL map (keys are int, uint, bool or string).</summary>
public abstract class CelMap : CelValue
{
    /// <summary>Number of entries.</summary>
    public abstract int Count { get; }

    /// <summary>The keys in insertion order.</summary>
    public abstract IEnumerable<CelValue> Keys { get; }

    /// <summary>Looks a key up (numeric keys match across int, uint and double).</summary>
    public abstract bool TryGet(CelValue key, out CelValue value);

    /// <inheritdoc/>
    public override CelType Type => CelType.Map;

    /// <inheritdoc/>
    public override JsonNode? ToJson()
    {
        var o = new JsonObject();
        foreach (var k in Keys)
        {
            TryGet(k, out var v);
            o[k.ToString()] = v.ToJson();
        }

        return o;
    }

    /// <inheritdoc/>
    protected override bool EqualsSameKind(CelValue other)
    {
        if (other is not CelMap m || m.Count != Count)
        {
            return false;
        }

        foreach (var k in Keys)
        {
            if (!m.TryGet(k, out var theirs) || !TryGet(k, out var ours) || !Equal(ours, theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        "{" + string.Join(", ", Keys.Select(k => TryGet(k, out var v) ? $"{CelFormat.Quote(k)}: {CelFormat.Quote(v)}" : "")) + "}";
}

/// <summary>A map held in memory.</summary>
public sealed class CelDictionaryMap : CelMap
{
    private readonly List<KeyValuePair<CelValue, CelValue>> _entries = [];
    private readonly Dictionary<object, int> _index = [];

    /// <summary>Adds an entry; false when the key is already present.</summary>
    public bool TryAdd(CelValue key, CelValue value)
    {
        var normal = KeyOf(key);
        if (_index.ContainsKey(normal))
        {
            return false;
        }

        _index[normal] = _entries.Count;
        _entries.Add(new(key, value));
        return true;
    }

    /// <inheritdoc/>
    public override int Count => _entries.Count;

    /// <inheritdoc/>
    public override IEnumerable<CelValue> Keys => _entries.Select(e => e.Key);

    /// <inheritdoc/>
    public override bool TryGet(CelValue key, out CelValue value)
    {
        if (_index.TryGetValue(KeyOf(key), out var i))
        {
            value = _entries[i].Value;
            return true;
        }

        value = CelNull.Instance;
        return false;
    }

    // Numeric keys are normalised so that 1, 1u and 1.0 find the same entry, as CEL's heterogeneous lookup does.
    internal static object KeyOf(CelValue key) => key switch
    {
        CelString s => s.Value,
        CelBool b => b.Value,
        CelInt i => (decimal)i.Value,
        CelUInt u => (decimal)u.Value,
        CelDouble d when Math.Floor(d.Value) == d.Value && Math.Abs(d.Value) < 7.9e28 => (decimal)d.Value,
        CelDouble d => d.Value,
        _ => throw new CelEvaluationException($"unsupported key type: {key.Type.Name}"),
    };
}

/// <summary>A view of a JSON object as a CEL map with string keys.</summary>
internal sealed class JsonObjectMap(JsonObject obj) : CelMap
{
    public override int Count => obj.Count;

    public override IEnumerable<CelValue> Keys => obj.Select(p => (CelValue)new CelString(p.Key));

    public override bool TryGet(CelValue key, out CelValue value)
    {
        if (key is CelString s && obj.TryGetPropertyValue(s.Value, out var node))
        {
            value = FromJson(node);
            return true;
        }

        value = CelNull.Instance;
        return false;
    }

    public override JsonNode? ToJson() => obj.DeepClone();
}
