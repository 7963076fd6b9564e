using System.Text.Json.Nodes;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Http;

/// <summary>
/// A minimal OpenAPI v3 surface: the index of group versions and, per group version, one PATCH operation per kind that
/// declares the <c>fieldValidation</c> query parameter. That is what kubectl checks to hand validation to the server
/// (which accepts the parameter and does not enforce schemas), so default <c>--validate</c> works.
/// </summary>
public static class OpenApi
{
    /// <summary><c>/openapi/v3</c>.</summary>
    public static JsonObject Index(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var gv in catalog.Types.Select(t => (t.Group, t.Version)).Distinct())
        {
            var key = gv.Group.Length == 0 ? $"api/{gv.Version}" : $"apis/{gv.Group}/{gv.Version}";
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(catalog, gv.Group, gv.Version)}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary><c>/openapi/v3/api/v1</c> or <c>/openapi/v3/apis/g/v</c>, or null when not served.</summary>
    public static JsonObject? GroupVersion(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.Types.Where(t => t.Group == group && t.Version == version).ToArray();
        if (types.Length == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var t in types)
        {
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var path = t.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}/{{name}}" : $"{prefix}/{t.Plural}/{{name}}";
            paths[path] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{t.Kind}",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = t.Kind },
                    ["parameters"] = new JsonArray(
                        Query("fieldValidation"), Query("fieldManager"), Query("dryRun"), Query("force")),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.33.0" },
            ["paths"] = paths,
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    // Changes whenever the kinds served at a group version change, so clients re-fetch.
    private static string Hash(ResourceCatalog catalog, string group, string version) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join(",", catalog.Types.Where(t => t.Group == group && t.Version == version).Select(t => t.Kind).Order(StringComparer.Ordinal)))))[..16];
}
