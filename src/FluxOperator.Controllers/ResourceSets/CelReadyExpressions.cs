using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluxOperator.Cel;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary><c>dependsOn[].readyExpr</c> over the repository's CEL evaluator; parsed programs are cached by text.</summary>
public sealed class CelReadyExpressions : IReadyExpressions
{
    private const int MaxCached = 1024;
    private readonly ConcurrentDictionary<string, CelProgram> _programs = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string? ParseError(string expression)
    {
        try
        {
            Compile(expression);
            return null;
        }
        catch (CelException e)
        {
            return $"failed to parse the CEL expression '{expression}': {e.Message}";
        }
    }

    /// <inheritdoc />
    public bool Evaluate(string expression, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        CelValue result;
        try
        {
            var variables = obj.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            result = Compile(expression).Evaluate(variables);
        }
        catch (CelException e)
        {
            throw new ReadyExpressionException($"failed to parse the CEL expression '{expression}': {e.Message}");
        }
        catch (CelEvaluationException e)
        {
            throw new ReadyExpressionException($"failed to evaluate the CEL expression '{expression}': {e.Message}");
        }

        return result is CelBool value ? value.Value : throw new ReadyExpressionException($"failed to evaluate CEL expression as boolean: '{expression}'");
    }

    private CelProgram Compile(string expression)
    {
        if (_programs.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        var program = CelProgram.Compile(expression);
        if (_programs.Count >= MaxCached)
        {
            _programs.Clear();
        }

        _programs[expression] = program;
        return program;
    }
}
