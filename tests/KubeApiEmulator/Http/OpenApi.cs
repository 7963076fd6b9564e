using System.Text.Json.Nodes;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Http;

/// <summary>
/// OpenAPI v3: the index of group versions and, per group version, the kinds' schemas under <c>components.schemas</c>
/// (CRD schemas as declared, tagged with <c>x-kubernetes-group-version-kind</c>, metadata as a reference to ObjectMeta)
/// and one PATCH operation per kind declaring <c>fieldValidation</c>, so <c>kubectl explain</c> works and kubectl hands
/// field validation to the server. Built-in kinds get an open schema (type meta and metadata only).
/// </summary>
public static class OpenApi
{
    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

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
        var schemas = new JsonObject { [ObjectMetaName] = ObjectMeta() };
        foreach (var t in types)
        {
            var schemaName = SchemaName(t);
            schemas[schemaName] = KindSchema(t);
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var path = t.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}/{{name}}" : $"{prefix}/{t.Plural}/{{name}}";
            var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
            paths[path] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["operationId"] = $"read{t.Kind}",
                    ["x-kubernetes-group-version-kind"] = OperationGvk(t),
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject
                        {
                            ["description"] = "OK",
                            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                        },
                    },
                },
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{t.Kind}",
                    ["x-kubernetes-group-version-kind"] = OperationGvk(t),
                    ["parameters"] = new JsonArray(
                        Query("fieldValidation"), Query("fieldManager"), Query("dryRun"), Query("force")),
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject
                        {
                            ["description"] = "OK",
                            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference } },
                        },
                    },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.33.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    // Kubernetes names definitions by the reversed group: fluxcd.controlplane.io/v1 FluxInstance → io.controlplane.fluxcd.v1.FluxInstance.
    private static string SchemaName(ResourceType t) => t.Group.Length == 0
        ? $"io.k8s.api.core.{t.Version}.{t.Kind}"
        : $"{string.Join('.', t.Group.Split('.').Reverse())}.{t.Version}.{t.Kind}";

    private static JsonArray Gvk(ResourceType t) =>
        [new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind }];

    // Operations carry one GVK object; schemas carry a list of them.
    private static JsonObject OperationGvk(ResourceType t) => new() { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };

    private static JsonObject KindSchema(ResourceType t)
    {
        JsonObject schema;
        if (t.Schema is { } declared)
        {
            schema = declared.DeepClone().AsObject();
        }
        else
        {
            schema = new JsonObject
            {
                ["description"] = $"{t.Kind} (the emulator publishes type meta and metadata only for built-in kinds).",
                ["type"] = "object",
                ["x-kubernetes-preserve-unknown-fields"] = true,
            };
        }

        var properties = schema["properties"] as JsonObject ?? [];
        schema["properties"] = properties;
        properties["apiVersion"] ??= new JsonObject
        {
            ["description"] = "APIVersion defines the versioned schema of this representation of an object.",
            ["type"] = "string",
        };
        properties["kind"] ??= new JsonObject
        {
            ["description"] = "Kind is a string value representing the REST resource this object represents.",
            ["type"] = "string",
        };
        properties["metadata"] = new JsonObject
        {
            ["description"] = "Standard object's metadata.",
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{ObjectMetaName}" }),
            ["default"] = new JsonObject(),
        };
        schema["x-kubernetes-group-version-kind"] = Gvk(t);
        return schema;
    }

    private static JsonObject ObjectMeta()
    {
        static JsonObject Field(string type, string description) => new() { ["type"] = type, ["description"] = description };
        static JsonObject StringMap(string description) => new()
        {
            ["type"] = "object",
            ["description"] = description,
            ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" },
        };
        return new JsonObject
        {
            ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["annotations"] = StringMap("Annotations is an unstructured key value map stored with a resource."),
                ["creationTimestamp"] = Field("string", "CreationTimestamp is a timestamp representing the server time when this object was created."),
                ["deletionTimestamp"] = Field("string", "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."),
                ["finalizers"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "Must be empty before the object is deleted from the registry.",
                    ["items"] = new JsonObject { ["type"] = "string", ["default"] = "" },
                    ["x-kubernetes-list-type"] = "set",
                },
                ["generateName"] = Field("string", "GenerateName is an optional prefix, used by the server, to generate a unique name."),
                ["generation"] = Field("integer", "A sequence number representing a specific generation of the desired state."),
                ["labels"] = StringMap("Map of string keys and values that can be used to organize and categorize objects."),
                ["managedFields"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.",
                    ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                },
                ["name"] = Field("string", "Name must be unique within a namespace."),
                ["namespace"] = Field("string", "Namespace defines the space within which each name must be unique."),
                ["ownerReferences"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "List of objects depended by this object.",
                    ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                },
                ["resourceVersion"] = Field("string", "An opaque value that represents the internal version of this object."),
                ["uid"] = Field("string", "UID is the unique in time and space value for this object."),
            },
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    // Changes whenever the kinds or schemas served at a group version change, so clients re-fetch.
    private static string Hash(ResourceCatalog catalog, string group, string version) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join(",", catalog.Types.Where(t => t.Group == group && t.Version == version)
                .OrderBy(t => t.Kind, StringComparer.Ordinal)
                .Select(t => t.Kind + ":" + (t.Schema?.ToJsonString() ?? ""))))))[..16];
}
