using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>
/// A namespace editor must not be able to drive a cluster-admin action: no ClusterRole we ship that flows into the built-in
/// <c>view</c>, <c>edit</c> or <c>admin</c> roles may write FluxInstances or FluxReports, or grant anything through <c>*</c>.
/// </summary>
public sealed class AggregatedRoleSafetyTests
{
    private static readonly string[] AggregationLabels =
    [
        "rbac.authorization.k8s.io/aggregate-to-admin",
        "rbac.authorization.k8s.io/aggregate-to-edit",
        // view is itself aggregated into edit, so what flows into view reaches editors too.
        "rbac.authorization.k8s.io/aggregate-to-view",
    ];

    private static readonly string[] ReadVerbs = ["get", "list", "watch"];

    public static TheoryData<string> ShippedManifests() => [.. ShippedFiles()];

    private static string[] ShippedFiles()
    {
        var root = PackagingPaths.RepositoryRoot;
        return Directory.GetFiles(Path.Combine(root, "config"), "*.yaml", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "dist", "install.yaml"))
            .Concat(Directory.GetFiles(Path.Combine(root, "bundle"), "*.yaml", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    [Theory]
    [MemberData(nameof(ShippedManifests))]
    public void No_role_aggregated_into_the_built_in_roles_writes_the_operators_cluster_admin_apis_or_uses_wildcards(string file)
    {
        var aggregated = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, file)))
            .Where(o => o["kind"]?.GetValue<string>() == "ClusterRole" && IsAggregated(o));
        foreach (var role in aggregated)
        {
            var name = role["metadata"]!["name"]!.GetValue<string>();
            foreach (var rule in (role["rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var verbs = Strings(rule["verbs"]);
                var groups = Strings(rule["apiGroups"]);
                var resources = Strings(rule["resources"]);
                Assert.False(verbs.Concat(groups).Concat(resources).Concat(Strings(rule["nonResourceURLs"])).Contains("*"),
                    $"{file}: ClusterRole {name} is aggregated into the built-in roles and grants through '*': {rule.ToJsonString()}");
                var operatorApi = groups.Contains("fluxcd.controlplane.io")
                    && resources.Any(r => r.Split('/')[0] is "fluxinstances" or "fluxreports");
                Assert.False(operatorApi && verbs.Except(ReadVerbs).Any(),
                    $"{file}: ClusterRole {name} lets namespace editors write FluxInstance/FluxReport ({string.Join(", ", verbs.Except(ReadVerbs))}); a FluxInstance is applied with cluster-admin rights");
            }
        }
    }

    [Fact]
    public void The_check_reads_every_shipped_aggregated_role()
    {
        // Guards the test above against passing vacuously: the install manifest and the bundle both ship aggregated roles.
        var withAggregatedRoles = ShippedFiles().Where(f => YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, f)))
            .Any(o => o["kind"]?.GetValue<string>() == "ClusterRole" && IsAggregated(o))).ToArray();
        Assert.Contains(Path.Combine("dist", "install.yaml"), withAggregatedRoles);
        Assert.Contains(withAggregatedRoles, f => f.StartsWith("bundle", StringComparison.Ordinal));
        Assert.Contains(withAggregatedRoles, f => f.StartsWith("config", StringComparison.Ordinal));
    }

    private static bool IsAggregated(JsonObject role) =>
        role["metadata"]?["labels"] is JsonObject labels && AggregationLabels.Any(l => labels[l]?.ToString() == "true");

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? array.Select(n => n!.ToString()).ToArray() : [];
}
