namespace FluxOperator.Cel;

/// <summary>An expression that does not parse; the message is in cel-go's words (<c>ERROR: &lt;input&gt;:1:5: Syntax error: …</c>).</summary>
public sealed class CelException(string message) : Exception(message);

/// <summary>An error while evaluating (no such key, no such overload, overflow, division by zero, …).</summary>
public sealed class CelEvaluationException(string message) : Exception(message);
