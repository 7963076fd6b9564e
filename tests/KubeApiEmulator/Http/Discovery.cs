using System.Text.Json.Nodes;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Http;

/// <summary>The discovery documents (legacy, non-aggregated form) built from the catalogue.</summary>
public static class Discovery
{
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary><c>/version</c>.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "33",
        ["gitVersion"] = "v1.33.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-04-23T00:00:00Z",
        ["goVersion"] = "go1.24.2",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary><c>/api</c>.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary><c>/apis</c>.</summary>
    public static JsonObject GroupList(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(catalog.Groups().Select(g => (JsonNode)Group(g.Group, g.Versions, withTypeMeta: false)).ToArray()),
    };

    /// <summary><c>/apis/&lt;group&gt;</c>, or null when the group is not served.</summary>
    public static JsonObject? Group(ResourceCatalog catalog, string group)
    {
        var found = catalog.Groups().FirstOrDefault(g => g.Group == group);
        return found.Group is null ? null : Group(found.Group, found.Versions, withTypeMeta: true);
    }

    /// <summary><c>/api/v1</c> or <c>/apis/&lt;group&gt;/&lt;version&gt;</c>, or null when nothing is served there.</summary>
    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.Types.Where(t => t.Group == group && t.Version == version).ToArray();
        if (types.Length == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            var entry = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray((t.Verbs ?? Verbs).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            };
            if (t.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray(t.ShortNames.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            }

            if (t.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray(t.Categories.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            }

            resources.Add(entry);
            if (t.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = t.Namespaced,
                    ["kind"] = t.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions, bool withTypeMeta)
    {
        var group = new JsonObject();
        if (withTypeMeta)
        {
            group["kind"] = "APIGroup";
            group["apiVersion"] = "v1";
        }

        group["name"] = name;
        group["versions"] = new JsonArray(versions.Select(v => (JsonNode)GroupVersion(name, v)).ToArray());
        group["preferredVersion"] = GroupVersion(name, versions[0]);
        return group;
    }

    private static JsonObject GroupVersion(string group, string version) => new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
}
