using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeApiEmulator.Apply;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Schema;

namespace KubeApiEmulator.Semantics;

/// <summary>Create: validation, generated names, metadata defaults, namespace lifecycle checks.</summary>
public sealed partial class ClusterState
{
    private static readonly Regex DnsSubdomain = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.Compiled);
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Creates an object from a request body.</summary>
    public JsonObject Create(ResourceType type, string? ns, JsonObject body, WriteOptions write)
    {
        lock (_store.Gate)
        {
            return CreateLocked(type, ns, body.DeepClone().AsObject(), write, managedFieldsReady: false);
        }
    }

    private JsonObject CreateLocked(ResourceType type, string? ns, JsonObject obj, WriteOptions write, bool managedFieldsReady)
    {
        CheckTypeMeta(type, obj);
        var meta = Meta(obj);
        ScopeNamespace(type, ns, meta);
        var name = meta["name"]?.ToString() ?? "";
        if (name.Length == 0 && meta["generateName"]?.ToString() is { Length: > 0 } prefix)
        {
            do
            {
                name = prefix + new string(Enumerable.Range(0, 5).Select(_ => NameAlphabet[Random.Shared.Next(NameAlphabet.Length)]).ToArray());
            }
            while (_store.Get(type.GroupResource, ns, name) is not null);
            meta["name"] = name;
        }

        ValidateName(type, name);
        if (type.Namespaced && write.Seeding && _store.Get("namespaces", null, ns!) is null)
        {
            CreateLocked(Catalog.Find("", "v1", "namespaces")!, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, write, false);
        }

        if (type.Namespaced)
        {
            var namespaceObject = _store.Get("namespaces", null, ns!) ?? throw ApiException.NotFound("", "namespaces", ns!);
            if (namespaceObject.Deleting)
            {
                throw new ApiException(403, "Forbidden",
                    $"{type.Plural} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                    new JsonObject { ["name"] = name, ["kind"] = type.Plural });
            }
        }

        if (_store.Get(type.GroupResource, ns, name) is not null)
        {
            throw ApiException.AlreadyExists(type.Group, type.Plural, name);
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Now();
        foreach (var k in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            meta.Remove(k);
        }

        if (type.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }

        if (type.HasStatus && !write.Seeding)
        {
            obj.Remove("status");
        }

        ApplyCreateDefaults(type, obj);
        Normalize(type, obj);
        AdmitSchema(type, null, obj, write);
        if (!managedFieldsReady)
        {
            meta.Remove("managedFields");
            ServerSideApply.RecordUpdate(type, null, obj, [], write.Manager, ScopeOf(type, status: false), Now());
        }

        return write.DryRun ? obj : Commit(type, null, obj);
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.ToString();
        var kind = obj["kind"]?.ToString();
        if (apiVersion is not null && apiVersion != type.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (kind is not null && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        // apiVersion and kind first, as a real server writes them (reordering only when needed: it copies the object).
        if (obj.Count >= 2 && obj.GetAt(0).Key == "apiVersion" && obj.GetAt(1).Key == "kind")
        {
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            return;
        }

        var rest = obj.Where(p => p.Key is not ("apiVersion" or "kind")).Select(p => (p.Key, Value: p.Value?.DeepClone())).ToArray();
        obj.Clear();
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        foreach (var (key, value) in rest)
        {
            obj[key] = value;
        }
    }

    private static void ScopeNamespace(ResourceType type, string? ns, JsonObject meta)
    {
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        var given = meta["namespace"]?.ToString();
        if (!string.IsNullOrEmpty(given) && given != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta["namespace"] = ns;
    }

    private static void ValidateName(ResourceType type, string name)
    {
        if (name.Length == 0)
        {
            throw ApiException.Invalid(type.Group, type.Kind, name, ("metadata.name", "Required value: name or generateName is required"));
        }

        // RBAC names are path segments (system:controller:x is valid); namespaces are DNS labels; the rest DNS subdomains.
        if (type.Group == "rbac.authorization.k8s.io")
        {
            if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
            {
                throw ApiException.Invalid(type.Group, type.Kind, name, ("metadata.name", $"Invalid value: \"{name}\": may not contain '/' or '%'"));
            }

            return;
        }

        if (type.GroupResource == "namespaces" && (name.Length > 63 || name.Contains('.', StringComparison.Ordinal)))
        {
            throw ApiException.Invalid(type.Group, type.Kind, name, ("metadata.name",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"));
        }

        if (name.Length > 253 || !DnsSubdomain.IsMatch(name))
        {
            throw ApiException.Invalid(type.Group, type.Kind, name, ("metadata.name",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
        }
    }

    private static FieldScope ScopeOf(ResourceType type, bool status) =>
        status ? FieldScope.Status : type.HasStatus ? FieldScope.Main : FieldScope.All;
}
