using System.CommandLine;
using System.Globalization;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Templating;

namespace FluxOperator.Commands;

/// <summary>
/// <c>--max-input-depth</c>, <c>--max-input-aliases</c>, <c>--max-input-size</c>, <c>--max-input-scalar-size</c>: the only way to
/// raise (or lower) the bounds on YAML and JSON this process reads; the defaults are in <see cref="InputLimits"/>. With
/// <c>--max-template-output</c>, <c>--max-template-loop-iterations</c> and <c>--template-timeout</c> likewise for ResourceSet
/// templates (<see cref="TemplateLimits"/>).
/// </summary>
internal sealed class InputLimitFlags
{
    private readonly Option<int?> _depth = new("--max-input-depth") { Description = $"Deepest nesting of YAML/JSON input (default {InputLimits.Default.MaxDepth})." };
    private readonly Option<long?> _aliases = new("--max-input-aliases") { Description = $"Nodes YAML alias expansion may add per stream (default {InputLimits.Default.MaxAliasNodes})." };
    private readonly Option<string?> _size = new("--max-input-size") { Description = $"Largest YAML/JSON input, e.g. 32Mi (default {Quantity(InputLimits.Default.MaxDocumentBytes)})." };
    private readonly Option<string?> _scalar = new("--max-input-scalar-size") { Description = $"Largest YAML scalar, e.g. 4Mi (default {Quantity(InputLimits.Default.MaxScalarBytes)})." };

    private readonly Option<string?> _templateOutput = new("--max-template-output") { Description = $"Largest output of one ResourceSet template render, e.g. 4Mi (default {Quantity(TemplateLimits.Default.MaxOutputBytes)})." };
    private readonly Option<long?> _templateLoops = new("--max-template-loop-iterations") { Description = $"range iterations one template render may run (default {TemplateLimits.Default.MaxLoopIterations})." };
    private readonly Option<string?> _templateTimeout = new("--template-timeout") { Description = $"Wall time of one template render, a Go duration (default {GoDuration.Format(TemplateLimits.Default.Timeout.Ticks * 100)})." };

    public void AddTo(Command command)
    {
        command.Options.Add(_templateOutput);
        command.Options.Add(_templateLoops);
        command.Options.Add(_templateTimeout);
        command.Options.Add(_depth);
        command.Options.Add(_aliases);
        command.Options.Add(_size);
        command.Options.Add(_scalar);
    }

    /// <summary>Sets the process's limits from the flags; false (with one line on <paramref name="error"/>) when a value is invalid.</summary>
    public bool TryApply(ParseResult parseResult, TextWriter error)
    {
        var limits = InputLimits.Default;
        if (parseResult.GetValue(_depth) is { } depth)
        {
            limits = limits with { MaxDepth = depth };
        }

        if (parseResult.GetValue(_aliases) is { } aliases)
        {
            limits = limits with { MaxAliasNodes = aliases };
        }

        foreach (var (option, apply) in new (Option<string?>, Func<InputLimits, long, InputLimits>)[]
                 {
                     (_size, (l, v) => l with { MaxDocumentBytes = v }),
                     (_scalar, (l, v) => l with { MaxScalarBytes = v }),
                 })
        {
            if (parseResult.GetValue(option) is not { } text)
            {
                continue;
            }

            if (ParseQuantity(text) is not { } bytes)
            {
                error.WriteLine($"error: invalid {option.Name} \"{text}\": write a byte count such as 1048576, 512Ki, 32Mi or 1Gi");
                return false;
            }

            limits = apply(limits, bytes);
        }

        var templates = TemplateLimits.Default;
        if (parseResult.GetValue(_templateOutput) is { } output)
        {
            if (ParseQuantity(output) is not { } bytes)
            {
                error.WriteLine($"error: invalid {_templateOutput.Name} \"{output}\": write a byte count such as 1048576, 512Ki, 32Mi or 1Gi");
                return false;
            }

            templates = templates with { MaxOutputBytes = bytes };
        }

        if (parseResult.GetValue(_templateLoops) is { } loops)
        {
            templates = templates with { MaxLoopIterations = loops };
        }

        if (parseResult.GetValue(_templateTimeout) is { } timeoutText)
        {
            if (!GoDuration.TryParse(timeoutText, out var nanoseconds) || nanoseconds <= 0)
            {
                error.WriteLine($"error: invalid {_templateTimeout.Name} \"{timeoutText}\": write a duration such as 5s or 1m");
                return false;
            }

            templates = templates with { Timeout = TimeSpan.FromTicks(nanoseconds / 100) };
        }

        try
        {
            InputLimits.Configure(limits);
            TemplateLimits.Configure(templates);
            return true;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return false;
        }
    }

    /// <summary>A byte count with an optional Kubernetes binary suffix (<c>Ki</c>, <c>Mi</c>, <c>Gi</c>).</summary>
    internal static long? ParseQuantity(string text)
    {
        var (digits, shift) = text switch
        {
            _ when text.EndsWith("Ki", StringComparison.Ordinal) => (text[..^2], 10),
            _ when text.EndsWith("Mi", StringComparison.Ordinal) => (text[..^2], 20),
            _ when text.EndsWith("Gi", StringComparison.Ordinal) => (text[..^2], 30),
            _ => (text, 0),
        };
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= long.MaxValue >> shift
            ? value << shift
            : null;
    }

    private static string Quantity(long bytes) => InputLimits.FormatBytes(bytes).Replace(" MiB", "Mi", StringComparison.Ordinal).Replace(" KiB", "Ki", StringComparison.Ordinal);
}
