using System.Text;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// The output conventions of the cluster commands: progress lines with a leading symbol on stdout, one <c>✗ message</c>
/// line on stderr for the error that ends a command, and tables without borders under upper-case headers.
/// </summary>
internal static class CliOutput
{
    public const string Action = "►";
    public const string Waiting = "◎";
    public const string Success = "✔";
    public const string Failure = "✗";

    /// <summary>Writes <c>✗ message</c> to stderr; returns the exit code 1.</summary>
    public static async Task<int> FailAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"{Failure} {message}").ConfigureAwait(false);
        return 1;
    }

    /// <summary>Left-aligned columns separated by three spaces, headers upper-cased; the last column is not padded.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers.Select(h => h.ToUpperInvariant()).ToArray() };
        all.AddRange(rows.Select(r => r.Select(Cell).ToArray()));
        var widths = Enumerable.Range(0, headers.Count).Select(i => all.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Count; i++)
            {
                text.Append(i == row.Count - 1 ? row[i] : row[i].PadRight(widths[i] + 3));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // A message may span lines; a table row may not.
    private static string Cell(string value) => value.ReplaceLineEndings(" ");
}
