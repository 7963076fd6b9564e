namespace FluxOperator.Cel;

/// <summary>Variables in scope: the program's inputs plus the iteration variables of enclosing macros.</summary>
internal sealed class Activation
{
    private readonly Func<string, CelValue?>? _root;
    private readonly Activation? _parent;
    private readonly string? _name;
    private readonly CelValue? _value;

    public Activation(Func<string, CelValue?> root) => _root = root;

    private Activation(Activation parent, string name, CelValue value)
    {
        _parent = parent;
        _name = name;
        _value = value;
    }

    public Activation With(string name, CelValue value) => new(this, name, value);

    public CelValue? Resolve(string name)
    {
        for (var a = this; a is not null; a = a._parent)
        {
            if (a._root is not null)
            {
                return a._root(name);
            }

            if (string.Equals(a._name, name, StringComparison.Ordinal))
            {
                return a._value;
            }
        }

        return null;
    }
}

/// <summary>A parsed expression node; evaluation throws <see cref="CelEvaluationException"/> for CEL errors.</summary>
internal abstract class Expr
{
    public abstract CelValue Eval(Activation scope);
}

internal sealed class ConstExpr(CelValue value) : Expr
{
    public override CelValue Eval(Activation scope) => value;
}

internal sealed class IdentExpr(string name) : Expr
{
    public string Name { get; } = name;

    public override CelValue Eval(Activation scope) =>
        scope.Resolve(Name) ?? (CelType.ByIdentifier.TryGetValue(Name, out var type) ? type
            : throw new CelEvaluationException($"no such attribute(s): {Name}"));
}

internal sealed class SelectExpr(Expr operand, string field, bool optional, int position) : Expr
{
    public Expr Operand { get; } = operand;

    public string Field { get; } = field;

    public bool Optional { get; } = optional;

    public int Position { get; } = position;

    public override CelValue Eval(Activation scope)
    {
        var target = Operand.Eval(scope);
        if (target is CelOptional opt)
        {
            // Selecting through an optional stays optional (a.?b.c is none when b is absent).
            return opt.Value is null ? CelOptional.None : OptionalField(opt.Value);
        }

        if (Optional)
        {
            return OptionalField(target);
        }

        return target switch
        {
            CelMap map => map.TryGet(new CelString(Field), out var v) ? v : throw new CelEvaluationException($"no such key: {Field}"),
            _ => throw new CelEvaluationException($"type '{target.Type.Name}' does not support field selection"),
        };
    }

    private CelValue OptionalField(CelValue target) => target switch
    {
        CelMap map => map.TryGet(new CelString(Field), out var v) ? CelOptional.Of(v) : CelOptional.None,
        _ => throw new CelEvaluationException($"type '{target.Type.Name}' does not support field selection"),
    };
}

internal sealed class HasExpr(Expr operand, string field) : Expr
{
    public override CelValue Eval(Activation scope)
    {
        var target = operand.Eval(scope);
        return target switch
        {
            CelMap map => CelBool.Of(map.TryGet(new CelString(field), out _)),
            CelOptional { Value: CelMap inner } => CelBool.Of(inner.TryGet(new CelString(field), out _)),
            CelOptional { Value: null } => CelBool.False,
            _ => throw new CelEvaluationException($"invalid type for field selection: {target.Type.Name}"),
        };
    }
}

internal sealed class IndexExpr(Expr operand, Expr index, bool optional, int position) : Expr
{
    public int Position { get; } = position;

    public override CelValue Eval(Activation scope)
    {
        var target = operand.Eval(scope);
        var key = index.Eval(scope);
        if (target is CelOptional opt)
        {
            return opt.Value is null ? CelOptional.None : OptionalIndex(opt.Value, key);
        }

        return optional ? OptionalIndex(target, key) : CelFunctions.Index(target, key);
    }

    private static CelValue OptionalIndex(CelValue target, CelValue key)
    {
        switch (target)
        {
            case CelMap map:
                return map.TryGet(key, out var v) ? CelOptional.Of(v) : CelOptional.None;
            case CelList list:
                var i = CelFunctions.ListIndex(key);
                return i >= 0 && i < list.Count ? CelOptional.Of(list[(int)i]) : CelOptional.None;
            default:
                throw new CelEvaluationException("no such overload");
        }
    }
}

internal sealed class CallExpr(string function, Expr? target, List<Expr> args, int position) : Expr
{
    public int Position { get; } = position;

    public override CelValue Eval(Activation scope)
    {
        var t = target?.Eval(scope);
        var values = new CelValue[args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = args[i].Eval(scope);
        }

        return CelFunctions.Invoke(function, t, values);
    }
}

/// <summary><c>a &amp;&amp; b</c>: commutative over errors (false wins over an error on either side).</summary>
internal sealed class AndExpr(Expr left, Expr right) : Expr
{
    public override CelValue Eval(Activation scope)
    {
        CelEvaluationException? error = null;
        try
        {
            if (!Logical(left.Eval(scope)))
            {
                return CelBool.False;
            }
        }
        catch (CelEvaluationException e)
        {
            error = e;
        }

        if (!Logical(right.Eval(scope)))
        {
            return CelBool.False;
        }

        return error is null ? CelBool.True : throw error;
    }

    internal static bool Logical(CelValue v) => v is CelBool b ? b.Value : throw new CelEvaluationException("no such overload");
}

/// <summary><c>a || b</c>: commutative over errors (true wins over an error on either side).</summary>
internal sealed class OrExpr(Expr left, Expr right) : Expr
{
    public override CelValue Eval(Activation scope)
    {
        CelEvaluationException? error = null;
        try
        {
            if (AndExpr.Logical(left.Eval(scope)))
            {
                return CelBool.True;
            }
        }
        catch (CelEvaluationException e)
        {
            error = e;
        }

        if (AndExpr.Logical(right.Eval(scope)))
        {
            return CelBool.True;
        }

        return error is null ? CelBool.False : throw error;
    }
}

internal sealed class ConditionalExpr(Expr condition, Expr whenTrue, Expr whenFalse) : Expr
{
    public override CelValue Eval(Activation scope) =>
        AndExpr.Logical(condition.Eval(scope)) ? whenTrue.Eval(scope) : whenFalse.Eval(scope);
}

internal sealed class ListExpr(List<Expr> elements, List<bool> optional) : Expr
{
    public override CelValue Eval(Activation scope)
    {
        var items = new List<CelValue>(elements.Count);
        for (var i = 0; i < elements.Count; i++)
        {
            var v = elements[i].Eval(scope);
            if (optional[i])
            {
                if (v is not CelOptional o)
                {
                    throw new CelEvaluationException("no such overload");
                }

                if (o.Value is not null)
                {
                    items.Add(o.Value);
                }

                continue;
            }

            items.Add(v);
        }

        return new CelArrayList(items);
    }
}

internal sealed class MapExpr(List<(Expr Key, Expr Value, bool Optional)> entries) : Expr
{
    public override CelValue Eval(Activation scope)
    {
        var map = new CelDictionaryMap();
        foreach (var (keyExpr, valueExpr, optional) in entries)
        {
            var key = keyExpr.Eval(scope);
            var value = valueExpr.Eval(scope);
            if (optional)
            {
                if (value is not CelOptional o)
                {
                    throw new CelEvaluationException("no such overload");
                }

                if (o.Value is null)
                {
                    continue;
                }

                value = o.Value;
            }

            if (key is not (CelString or CelInt or CelUInt or CelBool))
            {
                throw new CelEvaluationException($"unsupported key type: {key.Type.Name}");
            }

            if (!map.TryAdd(key, value))
            {
                throw new CelEvaluationException($"Failed with repeated key: {CelFormat.Quote(key)}");
            }
        }

        return map;
    }
}

internal enum ComprehensionKind
{
    All,
    Exists,
    ExistsOne,
    Map,
    Filter,
}

/// <summary>The standard macros over a list's elements or a map's keys.</summary>
internal sealed class ComprehensionExpr(ComprehensionKind kind, Expr range, string variable, Expr? predicate, Expr? transform) : Expr
{
    public override CelValue Eval(Activation scope)
    {
        var items = range.Eval(scope) switch
        {
            CelList list => list.Items,
            CelMap map => map.Keys,
            var other => throw new CelEvaluationException($"expression of type '{other.Type.Name}' cannot be range of a comprehension (must be list, map, or dynamic)"),
        };
        CelEvaluationException? error = null;
        var count = 0;
        var results = new List<CelValue>();
        foreach (var item in items)
        {
            var inner = scope.With(variable, item);
            switch (kind)
            {
                case ComprehensionKind.All:
                case ComprehensionKind.Exists:
                    // Like && and ||, a decisive element wins over an error on another element.
                    try
                    {
                        var b = AndExpr.Logical(predicate!.Eval(inner));
                        if (b == (kind == ComprehensionKind.Exists))
                        {
                            return CelBool.Of(b);
                        }
                    }
                    catch (CelEvaluationException e)
                    {
                        error ??= e;
                    }

                    break;
                case ComprehensionKind.ExistsOne:
                    if (AndExpr.Logical(predicate!.Eval(inner)))
                    {
                        count++;
                    }

                    break;
                case ComprehensionKind.Map:
                    if (predicate is null || AndExpr.Logical(predicate.Eval(inner)))
                    {
                        results.Add(transform!.Eval(inner));
                    }

                    break;
                case ComprehensionKind.Filter:
                    if (AndExpr.Logical(predicate!.Eval(inner)))
                    {
                        results.Add(item);
                    }

                    break;
            }
        }

        return kind switch
        {
            ComprehensionKind.All => error is null ? CelBool.True : throw error,
            ComprehensionKind.Exists => error is null ? CelBool.False : throw error,
            ComprehensionKind.ExistsOne => CelBool.Of(count == 1),
            _ => new CelArrayList(results),
        };
    }
}

/// <summary><c>cel.bind(name, init, expr)</c>.</summary>
internal sealed class BindExpr(string variable, Expr init, Expr body) : Expr
{
    public override CelValue Eval(Activation scope) => body.Eval(scope.With(variable, init.Eval(scope)));
}

/// <summary><c>opt.optMap(x, expr)</c> and <c>opt.optFlatMap(x, expr)</c>.</summary>
internal sealed class OptionalMapExpr(Expr target, string variable, Expr body, bool flatten) : Expr
{
    public override CelValue Eval(Activation scope)
    {
        if (target.Eval(scope) is not CelOptional opt)
        {
            throw new CelEvaluationException("no such overload");
        }

        if (opt.Value is null)
        {
            return CelOptional.None;
        }

        var result = body.Eval(scope.With(variable, opt.Value));
        return flatten ? result as CelOptional ?? throw new CelEvaluationException("no such overload") : CelOptional.Of(result);
    }
}
