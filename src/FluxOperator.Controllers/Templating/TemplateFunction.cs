namespace FluxOperator.Controllers.Templating;

/// <summary>Go parameter types the engine converts arguments to (Go's <c>evalArg</c>/<c>validateType</c> rules).</summary>
internal enum ParamType
{
    /// <summary><c>interface {}</c>: anything, nil included.</summary>
    Any,

    /// <summary><c>reflect.Value</c> (built-ins such as <c>eq</c>, <c>len</c>, <c>index</c>).</summary>
    Value,
    Text,
    Int,
    Float,
    Bool,
    Map,
    Time,
}

/// <summary>An error a function returns; the engine reports it as <c>error calling &lt;name&gt;: &lt;message&gt;</c>.</summary>
internal sealed class FunctionException(string message) : Exception(message);

/// <summary>What a function may use besides its arguments.</summary>
internal interface IFunctionContext
{
    object? Inputs { get; }

    TemplateLimits Limits { get; }

    TimeProvider Time { get; }

    /// <summary>Throws when a generated sequence or string would cross a limit.</summary>
    void CheckSequence(long length, string function);
}

internal delegate object? TemplateFunc(IFunctionContext context, object?[] args);

/// <summary>A function of the catalogue: its Go signature (for argument conversion and arity errors) and its body.</summary>
internal sealed record TemplateFunction(string Name, ParamType[] Params, ParamType? VariadicType, TemplateFunc Invoke)
{
    public static TemplateFunction Fixed(string name, TemplateFunc invoke, params ParamType[] parameters) => new(name, parameters, null, invoke);

    public static TemplateFunction Variadic(string name, ParamType variadic, TemplateFunc invoke, params ParamType[] parameters) =>
        new(name, parameters, variadic, invoke);

    public static string GoTypeName(ParamType type) => type switch
    {
        ParamType.Any => "interface {}",
        ParamType.Value => "reflect.Value",
        ParamType.Text => "string",
        ParamType.Int => "int",
        ParamType.Float => "float64",
        ParamType.Bool => "bool",
        ParamType.Map => "map[string]interface {}",
        _ => "time.Time",
    };
}
