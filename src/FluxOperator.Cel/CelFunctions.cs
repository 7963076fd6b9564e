using System.Globalization;
using System.Text;

namespace FluxOperator.Cel;

/// <summary>
/// The function library: CEL's operators and standard functions, cel-go's strings, sets, encoders and optional
/// extensions, and the Kubernetes lists and regex libraries.
/// </summary>
internal static partial class CelFunctions
{
    private static CelEvaluationException NoOverload(string function, CelValue? target, CelValue[] args)
    {
        var types = (target is null ? args : args.Prepend(target)).Select(a => a.Type.Name);
        return new CelEvaluationException($"no such overload: {function}({string.Join(", ", types)})");
    }

    public static CelValue Invoke(string function, CelValue? target, CelValue[] args)
    {
        if (target is null)
        {
            switch (function, args.Length)
            {
                case ("_+_", 2): return Add(args[0], args[1]);
                case ("_-_", 2): return Subtract(args[0], args[1]);
                case ("_*_", 2): return Multiply(args[0], args[1]);
                case ("_/_", 2): return Divide(args[0], args[1]);
                case ("_%_", 2): return Modulo(args[0], args[1]);
                case ("-_", 1): return Negate(args[0]);
                case ("!_", 1): return args[0] is CelBool notted ? CelBool.Of(!notted.Value) : throw NoOverload(function, null, args);
                case ("_==_", 2): return CelBool.Of(CelValue.Equal(args[0], args[1]));
                case ("_!=_", 2): return CelBool.Of(!CelValue.Equal(args[0], args[1]));
                case ("_<_", 2): return CelBool.Of(Ordered(args[0], args[1], function) is var c && c != int.MinValue && c < 0);
                case ("_<=_", 2): return CelBool.Of(Ordered(args[0], args[1], function) is var c2 && c2 != int.MinValue && c2 <= 0);
                case ("_>_", 2): return CelBool.Of(Ordered(args[0], args[1], function) is var c3 && c3 != int.MinValue && c3 > 0);
                case ("_>=_", 2): return CelBool.Of(Ordered(args[0], args[1], function) is var c4 && c4 != int.MinValue && c4 >= 0);
                case ("@in", 2): return In(args[0], args[1]);
                case ("size", 1): return Size(args[0]);
                case ("int", 1): return ToInt(args[0]);
                case ("uint", 1): return ToUInt(args[0]);
                case ("double", 1): return ToDouble(args[0]);
                case ("string", 1): return ToStringValue(args[0]);
                case ("bytes", 1): return args[0] switch
                {
                    CelBytes already => already,
                    CelString s => new CelBytes(Encoding.UTF8.GetBytes(s.Value)),
                    _ => throw NoOverload(function, null, args),
                };
                case ("bool", 1): return ToBool(args[0]);
                case ("dyn", 1): return args[0];
                case ("type", 1): return args[0].Type;
                case ("duration", 1): return args[0] switch
                {
                    CelDuration d => d,
                    CelString s => new CelDuration(CelTime.ParseDuration(s.Value)),
                    _ => throw NoOverload(function, null, args),
                };
                case ("timestamp", 1): return args[0] switch
                {
                    CelTimestamp t => t,
                    CelString s => new CelTimestamp(CelTime.ParseTimestamp(s.Value)),
                    CelInt i => new CelTimestamp(DateTimeOffset.FromUnixTimeSeconds(i.Value)),
                    _ => throw NoOverload(function, null, args),
                };
                case ("matches", 2): return Matches(args[0], args[1]);
                case ("optional.of", 1): return CelOptional.Of(args[0]);
                case ("optional.none", 0): return CelOptional.None;
                case ("optional.ofNonZeroValue", 1): return IsZero(args[0]) ? CelOptional.None : CelOptional.Of(args[0]);
                case ("base64.encode", 1) when args[0] is CelBytes raw: return new CelString(Convert.ToBase64String(raw.Value));
                case ("base64.decode", 1) when args[0] is CelString s: return new CelBytes(Base64Decode(s.Value));
                case ("sets.contains", 2) when args is [CelList a, CelList sub]: return CelBool.Of(sub.Items.All(x => Contains(a, x)));
                case ("sets.equivalent", 2) when args is [CelList a, CelList other]:
                    return CelBool.Of(other.Items.All(x => Contains(a, x)) && a.Items.All(x => Contains(other, x)));
                case ("sets.intersects", 2) when args is [CelList a, CelList other]: return CelBool.Of(other.Items.Any(x => Contains(a, x)));
                case ("strings.quote", 1) when args[0] is CelString s: return new CelString(CelFormat.QuoteString(s.Value));
                case ("math.greatest", > 0): return Extreme(args.Length == 1 && args[0] is CelList l ? l.Items.ToArray() : args, max: true);
                case ("math.least", > 0): return Extreme(args.Length == 1 && args[0] is CelList l2 ? l2.Items.ToArray() : args, max: false);
            }

            throw NoOverload(function, null, args);
        }

        return target switch
        {
            CelString s => CelStrings.Invoke(function, s, args) ?? throw NoOverload(function, target, args),
            CelList l => CelLists.Invoke(function, l, args) ?? throw NoOverload(function, target, args),
            CelMap m when function == "size" && args.Length == 0 => new CelInt(m.Count),
            CelBytes b when function == "size" && args.Length == 0 => new CelInt(b.Value.Length),
            CelOptional o => OptionalMember(function, o, args),
            CelTimestamp t => CelTime.TimestampMember(function, t, args) ?? throw NoOverload(function, target, args),
            CelDuration d => CelTime.DurationMember(function, d, args) ?? throw NoOverload(function, target, args),
            _ => throw NoOverload(function, target, args),
        };
    }

    private static CelValue OptionalMember(string function, CelOptional o, CelValue[] args) => (function, args.Length) switch
    {
        ("hasValue", 0) => CelBool.Of(o.Value is not null),
        ("value", 0) => o.Value ?? throw new CelEvaluationException("optional.none() dereference"),
        ("orValue", 1) => o.Value ?? args[0],
        ("or", 1) when args[0] is CelOptional other => o.Value is null ? other : o,
        _ => throw NoOverload(function, o, args),
    };

    public static CelValue Index(CelValue target, CelValue key)
    {
        switch (target)
        {
            case CelList list:
                var i = ListIndex(key);
                return i >= 0 && i < list.Count ? list[(int)i] : throw new CelEvaluationException($"index out of bounds: {i}");
            case CelMap map:
                return map.TryGet(key, out var v) ? v : throw new CelEvaluationException($"no such key: {key}");
            default:
                throw new CelEvaluationException($"no such overload: _[_]({target.Type.Name}, {key.Type.Name})");
        }
    }

    public static long ListIndex(CelValue key) => key switch
    {
        CelInt i => i.Value,
        CelUInt u => u.Value > long.MaxValue ? long.MaxValue : (long)u.Value,
        CelDouble d when Math.Floor(d.Value) == d.Value && Math.Abs(d.Value) < 9.2e18 => (long)d.Value,
        CelDouble d => throw new CelEvaluationException($"unsupported index value {CelFormat.Double(d.Value)} in list"),
        _ => throw new CelEvaluationException($"unsupported index type '{key.Type.Name}' in list"),
    };

    internal static bool Contains(CelList list, CelValue x)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (CelValue.Equal(list[i], x))
            {
                return true;
            }
        }

        return false;
    }

    private static CelValue In(CelValue element, CelValue container) => container switch
    {
        CelList list => CelBool.Of(Contains(list, element)),
        CelMap map => CelBool.Of(element is CelString or CelInt or CelUInt or CelBool or CelDouble && map.TryGet(element, out _)),
        _ => throw NoOverload("@in", null, [element, container]),
    };

    private static CelValue Size(CelValue v) => v switch
    {
        CelString s => new CelInt(CelStrings.Runes(s.Value).Length),
        CelBytes b => new CelInt(b.Value.Length),
        CelList l => new CelInt(l.Count),
        CelMap m => new CelInt(m.Count),
        _ => throw NoOverload("size", null, [v]),
    };

    /// <summary>Three-way comparison for the ordering operators; int.MinValue means unordered (NaN).</summary>
    internal static int Ordered(CelValue a, CelValue b, string function)
    {
        if (CelNumber.IsNumber(a) && CelNumber.IsNumber(b))
        {
            return CelNumber.Compare(a, b);
        }

        return (a, b) switch
        {
            (CelString x, CelString y) => Math.Sign(CelStrings.CompareCodePoints(x.Value, y.Value)),
            (CelBytes x, CelBytes y) => Math.Sign(x.Value.AsSpan().SequenceCompareTo(y.Value)),
            (CelBool x, CelBool y) => x.Value.CompareTo(y.Value),
            (CelTimestamp x, CelTimestamp y) => x.Value.CompareTo(y.Value),
            (CelDuration x, CelDuration y) => x.Nanoseconds.CompareTo(y.Nanoseconds),
            _ => throw NoOverload(function, null, [a, b]),
        };
    }

    private static CelValue Add(CelValue a, CelValue b)
    {
        try
        {
            return (a, b) switch
            {
                (CelInt x, CelInt y) => new CelInt(checked(x.Value + y.Value)),
                (CelUInt x, CelUInt y) => new CelUInt(checked(x.Value + y.Value)),
                (CelDouble x, CelDouble y) => new CelDouble(x.Value + y.Value),
                (CelString x, CelString y) => new CelString(x.Value + y.Value),
                (CelBytes x, CelBytes y) => new CelBytes([.. x.Value, .. y.Value]),
                (CelList x, CelList y) => new CelArrayList([.. x.Items, .. y.Items]),
                (CelDuration x, CelDuration y) => new CelDuration(checked(x.Nanoseconds + y.Nanoseconds)),
                (CelTimestamp x, CelDuration y) => CelTime.Shift(x, y.Nanoseconds),
                (CelDuration x, CelTimestamp y) => CelTime.Shift(y, x.Nanoseconds),
                _ => throw NoOverload("_+_", null, [a, b]),
            };
        }
        catch (OverflowException)
        {
            throw new CelEvaluationException("integer overflow");
        }
    }

    private static CelValue Subtract(CelValue a, CelValue b)
    {
        try
        {
            return (a, b) switch
            {
                (CelInt x, CelInt y) => new CelInt(checked(x.Value - y.Value)),
                (CelUInt x, CelUInt y) => new CelUInt(checked(x.Value - y.Value)),
                (CelDouble x, CelDouble y) => new CelDouble(x.Value - y.Value),
                (CelDuration x, CelDuration y) => new CelDuration(checked(x.Nanoseconds - y.Nanoseconds)),
                (CelTimestamp x, CelDuration y) => CelTime.Shift(x, checked(-y.Nanoseconds)),
                (CelTimestamp x, CelTimestamp y) => new CelDuration(checked((x.Value - y.Value).Ticks * 100)),
                _ => throw NoOverload("_-_", null, [a, b]),
            };
        }
        catch (OverflowException)
        {
            throw new CelEvaluationException("integer overflow");
        }
    }

    private static CelValue Multiply(CelValue a, CelValue b)
    {
        try
        {
            return (a, b) switch
            {
                (CelInt x, CelInt y) => new CelInt(checked(x.Value * y.Value)),
                (CelUInt x, CelUInt y) => new CelUInt(checked(x.Value * y.Value)),
                (CelDouble x, CelDouble y) => new CelDouble(x.Value * y.Value),
                _ => throw NoOverload("_*_", null, [a, b]),
            };
        }
        catch (OverflowException)
        {
            throw new CelEvaluationException("integer overflow");
        }
    }

    private static CelValue Divide(CelValue a, CelValue b)
    {
        switch (a, b)
        {
            case (CelInt, CelInt { Value: 0 }) or (CelUInt, CelUInt { Value: 0 }):
                throw new CelEvaluationException("division by zero");
            case (CelInt { Value: long.MinValue }, CelInt { Value: -1 }):
                throw new CelEvaluationException("integer overflow");
            case (CelInt x, CelInt y):
                return new CelInt(x.Value / y.Value);
            case (CelUInt x, CelUInt y):
                return new CelUInt(x.Value / y.Value);
            case (CelDouble x, CelDouble y):
                return new CelDouble(x.Value / y.Value);
            default:
                throw NoOverload("_/_", null, [a, b]);
        }
    }

    private static CelValue Modulo(CelValue a, CelValue b)
    {
        switch (a, b)
        {
            case (CelInt, CelInt { Value: 0 }) or (CelUInt, CelUInt { Value: 0 }):
                throw new CelEvaluationException("modulus by zero");
            case (CelInt { Value: long.MinValue }, CelInt { Value: -1 }):
                throw new CelEvaluationException("integer overflow");
            case (CelInt x, CelInt y):
                return new CelInt(x.Value % y.Value);
            case (CelUInt x, CelUInt y):
                return new CelUInt(x.Value % y.Value);
            default:
                throw NoOverload("_%_", null, [a, b]);
        }
    }

    private static CelValue Negate(CelValue a) => a switch
    {
        CelInt { Value: long.MinValue } => throw new CelEvaluationException("integer overflow"),
        CelInt x => new CelInt(-x.Value),
        CelDouble x => new CelDouble(-x.Value),
        CelDuration x => new CelDuration(-x.Nanoseconds),
        _ => throw NoOverload("-_", null, [a]),
    };

    private static CelValue ToInt(CelValue v) => v switch
    {
        CelInt i => i,
        CelUInt u => u.Value <= long.MaxValue ? new CelInt((long)u.Value) : throw new CelEvaluationException("integer overflow"),
        CelDouble d => d.Value is > -9.2233720368547758E18 and < 9.2233720368547758E18
            ? new CelInt((long)Math.Truncate(d.Value))
            : throw new CelEvaluationException("integer overflow"),
        CelString s => long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? new CelInt(l)
            : throw new CelEvaluationException($"cannot convert string '{s.Value}' to int"),
        CelTimestamp t => new CelInt(t.Value.ToUnixTimeSeconds()),
        CelDuration d => new CelInt(d.Nanoseconds),
        _ => throw NoOverload("int", null, [v]),
    };

    private static CelValue ToUInt(CelValue v) => v switch
    {
        CelUInt u => u,
        CelInt i => i.Value >= 0 ? new CelUInt((ulong)i.Value) : throw new CelEvaluationException("unsigned integer overflow"),
        CelDouble d => d.Value is > -1 and < 1.8446744073709552E19
            ? new CelUInt((ulong)Math.Truncate(d.Value))
            : throw new CelEvaluationException("unsigned integer overflow"),
        CelString s => ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var u)
            ? new CelUInt(u)
            : throw new CelEvaluationException($"cannot convert string '{s.Value}' to uint"),
        _ => throw NoOverload("uint", null, [v]),
    };

    private static CelValue ToDouble(CelValue v) => v switch
    {
        CelDouble d => d,
        CelInt i => new CelDouble(i.Value),
        CelUInt u => new CelDouble(u.Value),
        CelString s => s.Value switch
        {
            "NaN" => new CelDouble(double.NaN),
            "Inf" or "+Inf" or "Infinity" or "+Infinity" => new CelDouble(double.PositiveInfinity),
            "-Inf" or "-Infinity" => new CelDouble(double.NegativeInfinity),
            _ => double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? new CelDouble(d)
                : throw new CelEvaluationException($"cannot convert string '{s.Value}' to double"),
        },
        _ => throw NoOverload("double", null, [v]),
    };

    private static CelValue ToStringValue(CelValue v) => v switch
    {
        CelString s => s,
        CelInt or CelDouble or CelBool or CelTimestamp or CelDuration => new CelString(v.ToString()),
        CelUInt u => new CelString(u.Value.ToString(CultureInfo.InvariantCulture)),
        CelBytes b => new CelString(DecodeUtf8(b.Value)),
        _ => throw NoOverload("string", null, [v]),
    };

    private static string DecodeUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CelEvaluationException("invalid UTF-8 in bytes, cannot convert to string");
        }
    }

    private static CelValue ToBool(CelValue v) => v switch
    {
        CelBool b => b,
        CelString { Value: "1" or "t" or "T" or "TRUE" or "true" or "True" } => CelBool.True,
        CelString { Value: "0" or "f" or "F" or "FALSE" or "false" or "False" } => CelBool.False,
        CelString s => throw new CelEvaluationException($"type conversion error from 'string' to 'bool': '{s.Value}'"),
        _ => throw NoOverload("bool", null, [v]),
    };

    private static bool IsZero(CelValue v) => v switch
    {
        CelNull => true,
        CelBool b => !b.Value,
        CelInt i => i.Value == 0,
        CelUInt u => u.Value == 0,
        CelDouble d => d.Value == 0,
        CelString s => s.Value.Length == 0,
        CelBytes b => b.Value.Length == 0,
        CelList l => l.Count == 0,
        CelMap m => m.Count == 0,
        CelDuration d => d.Nanoseconds == 0,
        CelTimestamp t => t.Value == DateTimeOffset.UnixEpoch,
        _ => false,
    };

    private static byte[] Base64Decode(string s)
    {
        // cel-go tries the padded standard alphabet, then the unpadded one.
        var padded = s.Length % 4 == 0 ? s : s + new string('=', 4 - (s.Length % 4));
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            throw new CelEvaluationException("illegal base64 data at input byte 0");
        }
    }

    private static CelValue Matches(CelValue text, CelValue pattern) =>
        text is CelString s && pattern is CelString p
            ? CelBool.Of(CelRegex.Get(p.Value).IsMatch(s.Value))
            : throw NoOverload("matches", null, [text, pattern]);

    internal static CelValue Extreme(CelValue[] values, bool max)
    {
        if (values.Length == 0)
        {
            throw new CelEvaluationException(max ? "max(list) argument must not be empty" : "min(list) argument must not be empty");
        }

        var best = values[0];
        foreach (var v in values.Skip(1))
        {
            var c = Ordered(v, best, max ? "max" : "min");
            if (c != int.MinValue && (max ? c > 0 : c < 0))
            {
                best = v;
            }
        }

        return best;
    }
}
