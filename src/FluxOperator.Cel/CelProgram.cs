using System.Text.Json.Nodes;

namespace FluxOperator.Cel;

/// <summary>
/// A parsed CEL expression, ready to evaluate any number of times (thread-safe). Parse-only, as cel-go without a type
/// checker: values are dynamic, numbers compare across int, uint and double, and errors surface at evaluation.
/// </summary>
public sealed class CelProgram
{
    /// <summary>Longest expression accepted, so hostile input cannot exhaust memory or time.</summary>
    public const int MaxExpressionLength = 100_000;

    private readonly Expr _root;

    private CelProgram(string expression, Expr root)
    {
        Expression = expression;
        _root = root;
    }

    /// <summary>The source text.</summary>
    public string Expression { get; }

    /// <summary>Parses an expression.</summary>
    /// <exception cref="CelException">A syntax error, in cel-go's words.</exception>
    public static CelProgram Compile(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxExpressionLength)
        {
            throw new CelException($"ERROR: <input>:1:1: expression of {expression.Length} characters exceeds the limit of {MaxExpressionLength}");
        }

        return new CelProgram(expression, CelParser.Parse(expression));
    }

    /// <summary>Evaluates with JSON variables (objects and arrays are read in place, not copied).</summary>
    /// <exception cref="CelEvaluationException">An evaluation error (no such key, overflow, no such overload, …).</exception>
    public CelValue Evaluate(IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Run(name => variables.TryGetValue(name, out var node) ? CelValue.FromJson(node) : null);
    }

    /// <summary>Evaluates with CEL-valued variables.</summary>
    /// <exception cref="CelEvaluationException">An evaluation error.</exception>
    public CelValue Evaluate(IReadOnlyDictionary<string, CelValue> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Run(name => variables.TryGetValue(name, out var v) ? v : null);
    }

    private CelValue Run(Func<string, CelValue?> resolve)
    {
        try
        {
            return _root.Eval(new Activation(resolve));
        }
        catch (InsufficientExecutionStackException)
        {
            throw new CelEvaluationException("expression too deeply nested");
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new CelEvaluationException("regular expression evaluation timed out");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Expression;
}
