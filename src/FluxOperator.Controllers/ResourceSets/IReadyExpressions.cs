using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>The CEL evaluator behind <c>dependsOn[].readyExpr</c>.</summary>
public interface IReadyExpressions
{
    /// <summary>Null when <paramref name="expression"/> parses; otherwise the parse error.</summary>
    string? ParseError(string expression);

    /// <summary>
    /// Evaluates <paramref name="expression"/> with the object's top-level fields as variables. Returns the boolean
    /// result; throws <see cref="ReadyExpressionException"/> with the evaluator's message when evaluation fails or the
    /// result is not a boolean.
    /// </summary>
    bool Evaluate(string expression, JsonObject obj);
}

/// <summary>A <c>readyExpr</c> could not be evaluated to a boolean.</summary>
public sealed class ReadyExpressionException(string message) : Exception(message);
