namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>One problem found in a manifest: the field path and a message that starts with it.</summary>
/// <param name="Path">Dotted JSON path, e.g. <c>spec.sharding.shards[1]</c> (<c>&lt;root&gt;</c> for the object itself).</param>
/// <param name="Message">The full message, e.g. <c>spec.sharding.shards[1]: duplicate shard name 'a' (…)</c>.</param>
/// <param name="IsWarning">True for advice that does not make the manifest invalid (a field with no effect).</param>
public sealed record ValidationProblem(string Path, string Message, bool IsWarning = false)
{
    /// <inheritdoc />
    public override string ToString() => IsWarning ? "warning: " + Message : Message;
}
