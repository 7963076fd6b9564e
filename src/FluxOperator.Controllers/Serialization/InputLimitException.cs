using YamlDotNet.Core;

namespace FluxOperator.Controllers.Serialization;

/// <summary>A document crossed one of the <see cref="InputLimits"/>; the message names the limit and the position.</summary>
/// <remarks>A <see cref="YamlException"/>, so every caller that reports invalid YAML reports this too.</remarks>
public sealed class InputLimitException : YamlException
{
    /// <summary>Creates the exception for a limit crossed at <paramref name="at"/>.</summary>
    public InputLimitException(string limit, Mark at, string message)
        : base(at, at, message)
    {
        Limit = limit;
        Text = $"{message} at {at.Line}:{at.Column}";
    }

    /// <summary>Creates the exception without a position (a JSON body, a byte stream).</summary>
    public InputLimitException(string limit, string message)
        : base(message)
    {
        Limit = limit;
        Text = message;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public InputLimitException()
        : this("unknown", "input exceeds a limit")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public InputLimitException(string message)
        : this("unknown", message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public InputLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
        Limit = "unknown";
        Text = message;
    }

    /// <summary>Which limit: <c>depth</c>, <c>aliases</c>, <c>document size</c> or <c>scalar size</c>.</summary>
    public string Limit { get; }

    /// <summary>One line: what crossed which limit, and where (<c>line:column</c>).</summary>
    public override string Message => Text;

    private string Text { get; }
}
