using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Serialization;
using NuGet.Versioning;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>A catalog root loaded as <c>opm</c> loads it, with the upgrade-graph questions the checklist asks.</summary>
public sealed partial class CatalogGraph
{
    private CatalogGraph(IReadOnlyList<JsonObject> documents) => Documents = documents;

    /// <summary>Every document of every file under the root.</summary>
    public IReadOnlyList<JsonObject> Documents { get; }

    /// <summary>The <c>olm.package</c> documents.</summary>
    public IEnumerable<JsonObject> Packages => OfSchema("olm.package");

    /// <summary>The <c>olm.channel</c> documents.</summary>
    public IEnumerable<JsonObject> Channels => OfSchema("olm.channel");

    /// <summary>The <c>olm.bundle</c> documents.</summary>
    public IEnumerable<JsonObject> Bundles => OfSchema("olm.bundle");

    /// <summary>Loads every file under a catalog root (no <c>.indexignore</c> is used by this catalog).</summary>
    public static CatalogGraph Load(string root) =>
        new([.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => YamlDocuments.ParseObjects(File.ReadAllText(f)))]);

    /// <summary>The bundle's <c>olm.package</c> property version.</summary>
    public static string VersionOf(JsonObject bundle) =>
        bundle["properties"]!.AsArray().Single(p => p!["type"]!.GetValue<string>() == "olm.package")!["value"]!["version"]!.GetValue<string>();

    /// <summary>The channel's entries.</summary>
    public static IReadOnlyList<JsonObject> Entries(JsonObject channel) => [.. channel["entries"]!.AsArray().Select(e => e!.AsObject())];

    /// <summary>The entries no other entry names through <c>replaces</c> or <c>skips</c> (opm's head rule).</summary>
    public static IReadOnlyList<string> Heads(JsonObject channel)
    {
        var entries = Entries(channel);
        var referenced = entries.SelectMany(e => new[] { e["replaces"]?.GetValue<string>() }
            .Concat(e["skips"]?.AsArray().Select(s => s!.GetValue<string>()) ?? [])).OfType<string>().ToHashSet();
        return [.. entries.Select(e => e["name"]!.GetValue<string>()).Where(n => !referenced.Contains(n))];
    }

    /// <summary>Walks <c>replaces</c> from the head; fails on a cycle or on leaving the channel before the last step.</summary>
    public static IReadOnlyList<string> ReplacesChain(JsonObject channel)
    {
        var entries = Entries(channel).ToDictionary(e => e["name"]!.GetValue<string>());
        var chain = new List<string>();
        var current = Heads(channel).Single();
        while (current is not null)
        {
            if (chain.Contains(current))
            {
                throw new InvalidDataException($"replaces cycle at {current}");
            }

            chain.Add(current);
            var next = entries[current]["replaces"]?.GetValue<string>();
            if (next is not null && !entries.ContainsKey(next))
            {
                break; // the tail may replace a release no longer in the catalog
            }

            current = next;
        }

        return chain;
    }

    /// <summary>True when the semver range (space = AND, <c>||</c> = OR) contains the version.</summary>
    public static bool RangeContains(string range, string version)
    {
        var v = NuGetVersion.Parse(version);
        return range.Split("||").Any(alternative => alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(term =>
        {
            var match = Comparator().Match(term);
            if (!match.Success)
            {
                throw new FormatException($"unparseable range term {term}");
            }

            var bound = NuGetVersion.Parse(match.Groups[2].Value);
            return match.Groups[1].Value switch
            {
                "<" => v < bound,
                "<=" => v <= bound,
                ">" => v > bound,
                ">=" => v >= bound,
                _ => v == bound,
            };
        }));
    }

    private IEnumerable<JsonObject> OfSchema(string schema) => Documents.Where(d => d["schema"]?.GetValue<string>() == schema);

    [GeneratedRegex(@"^(<|<=|>|>=|=)?v?(\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$")]
    private static partial Regex Comparator();
}
