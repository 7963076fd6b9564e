using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Tests.TestSupport;

/// <summary>The fenced YAML examples of the Go operator's reference specifications: shared test data beside the repository (like the Flux distribution), read in place at test time, never copied.</summary>
public static partial class SpecExamples
{
    /// <summary>The specifications' folder in the shared test data.</summary>
    public static string DocsRoot { get; } = Path.GetFullPath(Path.Combine(SharedData.RepositoryRoot, "..", "shared", "docs"));

    /// <summary>Every fenced yaml block of every spec, with a readable name (`file.md#n`).</summary>
    public static IReadOnlyList<(string Name, string Yaml)> All()
    {
        var result = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(DocsRoot, "*.md").Order(StringComparer.Ordinal))
        {
            var index = 0;
            foreach (Match match in FencedYaml().Matches(File.ReadAllText(file)))
            {
                result.Add(($"{Path.GetFileName(file)}#{index++}", match.Groups[1].Value));
            }
        }

        return result;
    }

    /// <summary>The blocks whose top-level kind is <paramref name="kind"/>, as xunit member data.</summary>
    public static TheoryData<string> OfKind(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var (name, yaml) in All())
        {
            if (Regex.IsMatch(yaml, $"^kind: {kind}\\s*$", RegexOptions.Multiline))
            {
                data.Add(name);
            }
        }

        return data;
    }

    /// <summary>The block with this name.</summary>
    public static string Get(string name) => All().Single(e => e.Name == name).Yaml;

    [GeneratedRegex("```ya?ml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedYaml();
}
