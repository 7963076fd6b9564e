namespace FluxOperator.Controllers.Templating;

/// <summary>Go's template comparison built-ins: operands must share a basic kind (integers of any width together).</summary>
internal static class GoCompare
{
    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
        Other,
    }

    private static Kind KindOf(object? value) => value switch
    {
        null => Kind.Invalid,
        bool => Kind.Bool,
        long or GoInt => Kind.Int,
        double => Kind.Float,
        string => Kind.String,
        _ => Kind.Other,
    };

    public static bool Eq(object? arg1, ReadOnlySpan<object?> others)
    {
        if (others.Length == 0)
        {
            throw new FunctionException("missing argument for comparison");
        }

        var k1 = KindOf(arg1);
        foreach (var arg in others)
        {
            var k2 = KindOf(arg);
            bool truth;
            if (k1 != k2)
            {
                if (arg1 is not null && arg is not null)
                {
                    throw new FunctionException("incompatible types for comparison");
                }

                truth = false;
            }
            else
            {
                switch (k1)
                {
                    case Kind.Bool:
                        truth = (bool)arg1! == (bool)arg!;
                        break;
                    case Kind.Int:
                        GoValues.IsInteger(arg1, out var a);
                        GoValues.IsInteger(arg, out var b);
                        truth = a == b;
                        break;
                    case Kind.Float:
                        truth = (double)arg1! == (double)arg!;
                        break;
                    case Kind.String:
                        truth = (string)arg1! == (string)arg!;
                        break;
                    case Kind.Invalid:
                        truth = true;
                        break;
                    default:
                        if (arg1 is List<object?> or Dictionary<string, object?>)
                        {
                            throw new FunctionException($"non-comparable type {GoValues.Print(arg1)}: {GoValues.TypeName(arg1)}");
                        }

                        truth = Equals(arg1, arg);
                        break;
                }
            }

            if (truth)
            {
                return true;
            }
        }

        return false;
    }

    public static bool Lt(object? arg1, object? arg2)
    {
        var k1 = BasicKind(arg1);
        var k2 = BasicKind(arg2);
        if (k1 != k2)
        {
            throw new FunctionException("incompatible types for comparison");
        }

        switch (k1)
        {
            case Kind.Bool:
                throw new FunctionException("invalid type for comparison");
            case Kind.Float:
                return (double)arg1! < (double)arg2!;
            case Kind.Int:
                GoValues.IsInteger(arg1, out var a);
                GoValues.IsInteger(arg2, out var b);
                return a < b;
            default:
                return string.CompareOrdinal((string)arg1!, (string)arg2!) < 0;
        }
    }

    private static Kind BasicKind(object? value)
    {
        var kind = KindOf(value);
        return kind is Kind.Invalid or Kind.Other ? throw new FunctionException("invalid type for comparison") : kind;
    }
}
