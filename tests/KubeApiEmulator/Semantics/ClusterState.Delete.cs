using System.Globalization;
using System.Text.Json.Nodes;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Semantics;

/// <summary>Delete: finalizers and deletionTimestamp, owner-reference garbage collection (background, foreground, orphan), namespace termination.</summary>
public sealed partial class ClusterState
{
    /// <summary>Deletes an object; answers the object while finalizers hold it, else a Success status.</summary>
    public JsonObject Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        lock (_store.Gate)
        {
            var current = _store.Get(type.GroupResource, ns, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != current.Uid)
            {
                throw ApiException.Conflict(type.Group, type.Plural, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
            }

            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type.Group, type.Plural, name,
                    $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.ResourceVersion}");
            }

            if (options.DryRun)
            {
                return current.Finalizers.Count > 0 ? current.ToNode() : Success(current);
            }

            return DeleteLocked(current, options.PropagationPolicy);
        }
    }

    private JsonObject DeleteLocked(StoredObject current, string? policy)
    {
        var type = current.Type;
        if (type.GroupResource == "namespaces")
        {
            return TerminateNamespace(current);
        }

        var old = current.ToNode();
        var node = current.ToNode();
        var meta = Meta(node);
        var finalizers = (meta["finalizers"] as JsonArray)?.Select(f => f?.ToString() ?? "").ToList() ?? [];
        var added = policy switch
        {
            "Foreground" => "foregroundDeletion",
            "Orphan" => "orphan",
            _ => null,
        };
        if (added is not null && !finalizers.Contains(added))
        {
            finalizers.Add(added);
        }

        if (finalizers.Count == 0)
        {
            RemoveLocked(type, node);
            return Success(current);
        }

        if (meta["deletionTimestamp"] is null)
        {
            meta["deletionTimestamp"] = Now();
            meta["deletionGracePeriodSeconds"] = 0;
            if (type.TracksGeneration)
            {
                meta["generation"] = Generation(node) + 1;
            }
        }

        meta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        var committed = Commit(type, old, node).DeepClone().AsObject();
        if (added == "foregroundDeletion")
        {
            foreach (var dependent in _store.Dependents(current.Uid))
            {
                if (_store.GetByUid(dependent.Uid) is { Deleting: false } live)
                {
                    DeleteLocked(live, "Background");
                }
            }

            SettleForeground(current.Uid);
        }
        else if (added == "orphan")
        {
            Orphan(current.Uid);
        }

        return committed;
    }

    private JsonObject RemoveLocked(ResourceType type, JsonObject node)
    {
        var meta = Meta(node);
        meta["resourceVersion"] = _store.NextRevision().ToString(CultureInfo.InvariantCulture);
        var final = StoredObject.From(type, node);
        _store.Remove(final);
        if (IsCrd(type))
        {
            RemoveCrdResources(node);
        }

        foreach (var dependent in _store.Dependents(final.Uid))
        {
            if (_store.GetByUid(dependent.Uid) is { Deleting: false } live && live.OwnerUids.All(o => _store.GetByUid(o) is null))
            {
                DeleteLocked(live, "Background");
            }
        }

        foreach (var owner in final.OwnerUids)
        {
            SettleForeground(owner);
        }

        if (final.Namespace.Length > 0)
        {
            TryFinishNamespace(final.Namespace);
        }

        return node;
    }

    // A foreground-deleted owner goes once its dependents are gone.
    private void SettleForeground(string ownerUid)
    {
        if (_store.GetByUid(ownerUid) is not { Deleting: true } owner || !owner.Finalizers.Contains("foregroundDeletion") ||
            _store.Dependents(ownerUid).Count > 0)
        {
            return;
        }

        var node = owner.ToNode();
        RemoveFinalizer(node, "foregroundDeletion");
        Commit(owner.Type, owner.ToNode(), node);
    }

    private void Orphan(string ownerUid)
    {
        foreach (var dependent in _store.Dependents(ownerUid))
        {
            var node = dependent.ToNode();
            if (node["metadata"]?["ownerReferences"] is JsonArray refs)
            {
                var kept = refs.Where(r => r?["uid"]?.ToString() != ownerUid).Select(r => r?.DeepClone()).ToArray();
                node["metadata"]!["ownerReferences"] = new JsonArray(kept);
                if (kept.Length == 0)
                {
                    node["metadata"]!.AsObject().Remove("ownerReferences");
                }

                Commit(dependent.Type, dependent.ToNode(), node);
            }
        }

        if (_store.GetByUid(ownerUid) is { } owner)
        {
            var node = owner.ToNode();
            RemoveFinalizer(node, "orphan");
            Commit(owner.Type, owner.ToNode(), node);
        }
    }

    private JsonObject TerminateNamespace(StoredObject current)
    {
        var node = current.ToNode();
        var committed = node;
        if (!current.Deleting)
        {
            var meta = Meta(node);
            meta["deletionTimestamp"] = Now();
            meta["deletionGracePeriodSeconds"] = 0;
            node["status"] = new JsonObject
            {
                ["phase"] = "Terminating",
                ["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "NamespaceDeletionDiscoveryFailure", ["status"] = "False", ["lastTransitionTime"] = Now(), ["reason"] = "ResourcesDiscovered", ["message"] = "All resources successfully discovered" },
                    new JsonObject { ["type"] = "NamespaceContentRemaining", ["status"] = "False", ["lastTransitionTime"] = Now(), ["reason"] = "ContentRemoved", ["message"] = "All content successfully removed" }),
            };
            committed = Commit(current.Type, current.ToNode(), node).DeepClone().AsObject();
        }

        foreach (var obj in _store.InNamespace(current.Name).ToArray())
        {
            if (_store.GetByUid(obj.Uid) is { Deleting: false } live)
            {
                DeleteLocked(live, "Background");
            }
        }

        TryFinishNamespace(current.Name);
        return committed;
    }

    private void TryFinishNamespace(string ns)
    {
        if (_store.Get("namespaces", null, ns) is not { Deleting: true } namespaceObject || _store.InNamespace(ns).Any())
        {
            return;
        }

        var node = namespaceObject.ToNode();
        (node["spec"] as JsonObject)?.Remove("finalizers");
        Commit(namespaceObject.Type, namespaceObject.ToNode(), node);
    }

    private static bool HasNamespaceFinalizer(ResourceType type, JsonObject node) =>
        type.GroupResource == "namespaces" && node["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    private static void RemoveFinalizer(JsonObject node, string finalizer)
    {
        if (node["metadata"]?["finalizers"] is JsonArray list)
        {
            node["metadata"]!["finalizers"] = new JsonArray(list.Where(f => f?.ToString() != finalizer).Select(f => f?.DeepClone()).ToArray());
        }
    }

    private static JsonObject Success(StoredObject obj)
    {
        var details = new JsonObject { ["name"] = obj.Name };
        if (obj.Type.Group.Length > 0)
        {
            details["group"] = obj.Type.Group;
        }

        details["kind"] = obj.Type.Plural;
        details["uid"] = obj.Uid;
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }
}
