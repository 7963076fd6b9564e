using System.CommandLine;
using FluxOperator.Commands;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>
/// Every duration flag of the command tree, found by walking it (so a new one is covered without editing this file):
/// Go-style values are taken, bad ones end in one <c>✗</c> line naming the flag, and the help names the default in Go form.
/// </summary>
public class DurationFlagTests
{
    public static TheoryData<string[], string> DurationFlags()
    {
        var data = new TheoryData<string[], string>();
        foreach (var (path, option) in Walk(CommandTree.Create(), []))
        {
            data.Add(path, option.Name);
        }

        return data;
    }

    [Fact]
    public void The_tree_has_the_known_duration_flags()
    {
        var found = Walk(CommandTree.Create(), []).Select(f => string.Join(' ', f.Path) + " " + f.Option.Name).ToArray();

        Assert.Contains("distro pull --timeout", found);
        Assert.Contains("get instance --timeout", found);
        Assert.Contains("reconcile instance --timeout", found);
    }

    [Theory]
    [MemberData(nameof(DurationFlags))]
    public void Go_durations_are_taken(string[] path, string flag)
    {
        var root = CommandTree.Create();
        var result = root.Parse([.. path, flag, "1m30s"]);
        var command = result.CommandResult.Command;
        var found = command.Options.Concat(AncestorOptions(command)).Single(o => o.Name == flag);

        // A plain TimeSpan option would show its default as 00:01:00 in the help: every duration is a DurationOption.
        var option = Assert.IsType<Option<TimeSpan?>>(found);

        Assert.DoesNotContain(result.Errors, e => e.Message.Contains(flag, StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(90), result.GetValue(option));
        Assert.Matches(@"\(default (\d+h)?(\d+m)?(\d+s)?\)", option.Description);
    }

    [Theory]
    [MemberData(nameof(DurationFlags))]
    public async Task A_bad_duration_is_one_line_naming_the_flag(string[] path, string flag)
    {
        var (code, output, error) = await OperatorCli.RunAsync(Path.GetTempPath(), [.. path, flag, "5 minutes"]);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal(
            $"✗ invalid {flag} \"5 minutes\": write a positive duration such as 30s, 1m30s or 2h (see 'flux-operator {string.Join(' ', path)} --help')\n",
            error);
    }

    [Fact]
    public async Task Distro_pull_takes_a_go_duration_timeout()
    {
        var target = Path.Combine(Path.GetTempPath(), "distro-pull-" + Guid.NewGuid().ToString("N"));

        var (code, _, error) = await OperatorCli.RunAsync(Path.GetTempPath(), "distro", "pull", "oci://127.0.0.1:1/flux:v1", "--output", target, "--plain-http", "--timeout", "5s");

        // The flag parses; the pull then fails on the closed port, as one line.
        Assert.Equal(1, code);
        Assert.DoesNotContain("--timeout", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Help_names_defaults_in_go_form_not_as_time_spans()
    {
        var (code, output, _) = await OperatorCli.RunAsync(Path.GetTempPath(), "reconcile", "instance", "--help");

        Assert.Equal(0, code);
        Assert.Contains("(default 1m0s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("00:01:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_word_is_one_line_not_the_help()
    {
        var (code, output, error) = await OperatorCli.RunAsync(Path.GetTempPath(), "get", "all", "--colour");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal("✗ Unrecognized command or argument '--colour'. (see 'flux-operator get all --help')\n", error);
    }

    private static IEnumerable<Option> AncestorOptions(Command command) =>
        command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive).Concat(AncestorOptions(p)));

    // Leaf commands with every duration option they accept (their own and recursive ones of their groups).
    private static IEnumerable<(string[] Path, Option Option)> Walk(Command command, string[] path)
    {
        if (command.Subcommands.Count == 0)
        {
            foreach (var option in command.Options.Concat(AncestorOptions(command)))
            {
                if (option.ValueType == typeof(TimeSpan) || option.ValueType == typeof(TimeSpan?))
                {
                    yield return (path, option);
                }
            }

            yield break;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var found in Walk(sub, [.. path, sub.Name]))
            {
                yield return found;
            }
        }
    }
}
