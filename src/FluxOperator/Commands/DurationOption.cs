using System.CommandLine;
using System.CommandLine.Parsing;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Commands;

/// <summary>
/// A duration flag as kubectl and flux write them (<c>5s</c>, <c>1m30s</c>, <c>2h</c>), with its default named in the
/// same form in <c>--help</c>, and one clear error naming the flag when the text is not a duration.
/// </summary>
/// <remarks>
/// The option itself carries no default value: System.CommandLine would print it as <c>00:05:00</c> in the help.
/// </remarks>
internal sealed class DurationOption
{
    public DurationOption(string name, TimeSpan defaultValue, string description)
    {
        Default = defaultValue;
        Option = new Option<TimeSpan?>(name)
        {
            Description = $"{description} (default {Format(defaultValue)})",
            HelpName = "duration",
            CustomParser = result => Parse(result, name),
        };
    }

    /// <summary>The parsed option (null when absent: use <see cref="Value"/>).</summary>
    public Option<TimeSpan?> Option { get; }

    public TimeSpan Default { get; }

    /// <summary>The given duration, else the default.</summary>
    public TimeSpan Value(ParseResult parseResult) => parseResult.GetValue(Option) ?? Default;

    /// <summary>The Go form of a span: <c>5m0s</c>, <c>1m30s</c>.</summary>
    public static string Format(TimeSpan value) => GoDuration.Format(value.Ticks * 100);

    private static TimeSpan? Parse(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (GoDuration.TryParse(text, out var nanoseconds) && nanoseconds > 0)
        {
            return TimeSpan.FromTicks(nanoseconds / 100);
        }

        // hh:mm:ss is still taken, as earlier releases documented it.
        if (text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        result.AddError($"invalid {name} \"{text}\": write a positive duration such as 30s, 1m30s or 2h");
        return null;
    }
}
