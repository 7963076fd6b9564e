using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// <c>tree resourceset|kustomization|helmrelease NAME</c>: the applier's inventory as a tree, expanding every nested Flux
/// applier it created (Kustomizations, HelmReleases, ResourceSets, FluxInstances) into its own inventory.
/// </summary>
internal static class TreeCommand
{
    // Bounds the walk on a cluster whose appliers form a cycle or an absurd depth.
    private const int MaxDepth = 32;

    public static Command Create(ClusterFlags flags)
    {
        var tree = new Command("tree", "Show the objects a Flux applier manages, recursively.");
        foreach (var (noun, kind, alias) in new[] { ("resourceset", FluxKinds.ResourceSet, "rset"), ("kustomization", FluxKinds.Kustomization, "ks"), ("helmrelease", FluxKinds.HelmRelease, "hr") })
        {
            var name = new Argument<string>("name") { Description = $"The {kind.Kind}'s name." };
            var command = new Command(noun, $"Show the objects a {kind.Kind} manages, recursively.") { name };
            command.Aliases.Add(alias);
            command.SetAction((parseResult, cancellationToken) => ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
            {
                var served = await FluxKinds.ServedAsync(session, kind, token);
                var root = await session.Client.GetAsync(served.Type, session.Namespace, parseResult.GetValue(name)!, token)
                    ?? throw new CliException($"{kind.Kind}/{session.Namespace}/{parseResult.GetValue(name)} not found");
                var text = new StringBuilder().Append(kind.Kind).Append('/').Append(session.Namespace).Append('/').Append(ObjectMeta.Name(root)).Append('\n');
                var visited = new HashSet<string>(StringComparer.Ordinal) { $"{kind.Kind}/{session.Namespace}/{ObjectMeta.Name(root)}" };
                await WriteChildrenAsync(session, root, "", text, visited, 0, token);
                await stdout.WriteAsync(text.ToString());
                return 0;
            }));
            tree.Subcommands.Add(command);
        }

        flags.AddTo(tree);
        return tree;
    }

    private static async Task WriteChildrenAsync(ClusterSession session, JsonObject applier, string indent, StringBuilder text, HashSet<string> visited, int depth, CancellationToken cancellationToken)
    {
        var entries = Inventory(applier);
        for (var i = 0; i < entries.Count; i++)
        {
            var (ns, name, kind) = entries[i];
            var last = i == entries.Count - 1;
            var node = ns.Length == 0 ? $"{kind}/{name}" : $"{kind}/{ns}/{name}";
            text.Append(indent).Append(last ? "└── " : "├── ").Append(node).Append('\n');
            if (depth >= MaxDepth || !visited.Add(node) || kind is not ("Kustomization" or "HelmRelease" or "ResourceSet" or "FluxInstance"))
            {
                continue;
            }

            var nestedKind = await FluxKinds.ServedAsync(session, FluxKinds.Find(kind)!, cancellationToken);
            JsonObject? nested;
            try
            {
                nested = await session.Client.GetAsync(nestedKind.Type, ns, name, cancellationToken);
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                nested = null; // the kind is not served: nothing to expand
            }

            if (nested is not null)
            {
                await WriteChildrenAsync(session, nested, indent + (last ? "    " : "│   "), text, visited, depth + 1, cancellationToken);
            }
        }
    }

    /// <summary>
    /// <c>status.inventory.entries</c> ids (<c>namespace_name_group_kind</c>; names cannot hold an underscore) in the
    /// stored order.
    /// </summary>
    private static List<(string Namespace, string Name, string Kind)> Inventory(JsonObject applier)
    {
        var result = new List<(string, string, string)>();
        foreach (var entry in (applier["status"]?["inventory"]?["entries"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (entry["id"] is JsonValue v && v.TryGetValue<string>(out var id) && id.Split('_') is [var ns, var name, _, var kind])
            {
                result.Add((ns, name, kind));
            }
        }

        return result;
    }
}
