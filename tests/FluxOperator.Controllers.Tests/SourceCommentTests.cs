using System.Text.RegularExpressions;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests;

/// <summary>
/// Comments may only point to documents a contributor gets with the repository (docs/), never to the reference
/// specifications beside it, which a clone does not contain.
/// </summary>
public sealed partial class SourceCommentTests
{
    private static readonly string[] Roots = ["src", "tests", "benchmarks"];

    [Fact]
    public void No_source_file_cites_a_section_sign()
    {
        var offenders = SourceLines().Where(l => l.Text.Contains('\u00A7', StringComparison.Ordinal)).Select(l => l.ToString()).ToArray();

        Assert.True(offenders.Length == 0, "Say the reason in place or point to docs/:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void No_comment_points_to_the_specifications_outside_the_repository()
    {
        var offenders = SourceLines()
            .Where(l => Comment().Match(l.Text) is { Success: true } m && OutsideDocument().IsMatch(m.Groups[1].Value))
            .Select(l => l.ToString())
            .ToArray();

        Assert.True(offenders.Length == 0, "Point to docs/ instead:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_docs_note_a_comment_names_exists()
    {
        var missing = SourceLines()
            .SelectMany(l => DocsReference().Matches(l.Text).Select(m => (Line: l, File: m.Groups[1].Value)))
            .Where(r => !File.Exists(Path.Combine(SharedData.RepositoryRoot, "docs", r.File)))
            .Select(r => r.Line.ToString())
            .ToArray();

        Assert.True(missing.Length == 0, "No such note in docs/:\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData("// see controllers.md for the rules", true)]
    [InlineData("/// <summary>As ../shared/docs says.</summary>", true)]
    [InlineData("var x = 1; // fluxinstance-rendering.md", true)]
    [InlineData("// docs/rendering.md#root-patches", false)]
    [InlineData("var name = \"controllers.md\"; // a key of the test data", false)]
    public void The_check_recognises_a_pointer_outside_the_repository(string line, bool flagged)
    {
        var match = Comment().Match(line);

        Assert.Equal(flagged, match.Success && OutsideDocument().IsMatch(match.Groups[1].Value));
    }

    private static IEnumerable<SourceLine> SourceLines()
    {
        foreach (var root in Roots)
        {
            var directory = Path.Combine(SharedData.RepositoryRoot, root);
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var number = 0;
                foreach (var text in File.ReadLines(file))
                {
                    number++;
                    yield return new SourceLine(Path.GetRelativePath(SharedData.RepositoryRoot, file), number, text);
                }
            }
        }
    }

    private sealed record SourceLine(string File, int Number, string Text)
    {
        public override string ToString() => $"{File}:{Number}: {Text.Trim()}";
    }

    // The comment part of a line: from `//` that is not inside a string literal on that line (good enough for our style).
    [GeneratedRegex("""^(?:[^"/]|"(?:[^"\\]|\\.)*"|/(?!/))*(//.*)$""")]
    private static partial Regex Comment();

    [GeneratedRegex(@"shared/docs|\b(?:controllers|fluxinstance-rendering|house-style|kube-api-emulator|olm-bundle|resourcesets|web-and-cli)\.md\b")]
    private static partial Regex OutsideDocument();

    [GeneratedRegex(@"\bdocs/([a-z0-9-]+\.md)")]
    private static partial Regex DocsReference();
}
