using System.Text.Json;
using System.Text.Json.Nodes;
using KubeApiEmulator.Apply;
using KubeApiEmulator.Json;
using KubeApiEmulator.Patching;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Semantics;

/// <summary>Update, patch and server-side apply, and the single commit point every write goes through.</summary>
public sealed partial class ClusterState
{
    private static readonly string[] ImmutableMetadata =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name"];

    /// <summary>Replaces an object (PUT), honouring resourceVersion and status isolation.</summary>
    public JsonObject Update(ResourceType type, string? ns, string name, JsonObject body, WriteOptions write, bool status)
    {
        lock (_store.Gate)
        {
            var current = _store.Get(type.GroupResource, ns, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            var next = body.DeepClone().AsObject();
            CheckTypeMeta(type, next);
            var meta = Meta(next);
            if (meta["name"]?.ToString() is { Length: > 0 } given && given != name)
            {
                throw ApiException.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
            }

            ScopeNamespace(type, ns, meta);
            CheckResourceVersion(type, current, next);
            var old = current.ToNode();
            var entries = !status && meta.ContainsKey("managedFields") ? ManagedFieldsEntry.ReadAll(next) : ManagedFieldsEntry.ReadAll(old);
            return UpdateLocked(type, old, next, entries, write, status);
        }
    }

    /// <summary>Applies a JSON, merge or strategic merge patch.</summary>
    public JsonObject Patch(ResourceType type, string? ns, string name, string mediaType, byte[] body, WriteOptions write, bool status)
    {
        lock (_store.Gate)
        {
            var current = _store.Get(type.GroupResource, ns, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            var old = current.ToNode();
            var patched = PatchNode(type, old, mediaType, body);
            CheckResourceVersion(type, current, patched);
            return UpdateLocked(type, old, patched, ManagedFieldsEntry.ReadAll(patched), write, status);
        }
    }

    /// <summary>Server-side apply; creates the object when missing.</summary>
    public (JsonObject Object, bool Created) Apply(ResourceType type, string? ns, string name, byte[] body, WriteOptions write, bool force, bool status)
    {
        if (JsonBytes.ParseBody(body) is not JsonObject config)
        {
            throw ApiException.BadRequest("the apply configuration must be an object");
        }

        if (config["apiVersion"] is null || config["kind"] is null)
        {
            throw ApiException.BadRequest(config["apiVersion"] is null ? "apiVersion must be set" : "kind must be set");
        }

        CheckTypeMeta(type, config);
        var meta = Meta(config);
        if (meta["name"]?.ToString() is { Length: > 0 } given && given != name)
        {
            throw ApiException.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
        }

        meta["name"] = name;
        ScopeNamespace(type, ns, meta);
        lock (_store.Gate)
        {
            var current = _store.Get(type.GroupResource, ns, name);
            if (current is null)
            {
                if (status)
                {
                    throw ApiException.NotFound(type.Group, type.Plural, name);
                }

                var created = ServerSideApply.Apply(type, null, config, write.Manager, force, ScopeOf(type, false), Now());
                return (CreateLocked(type, ns, created, write, managedFieldsReady: true), true);
            }

            CheckResourceVersion(type, current, config);
            var old = current.ToNode();
            var merged = ServerSideApply.Apply(type, old, config, write.Manager, force, ScopeOf(type, status), Now());
            return (UpdateLocked(type, old, merged, entries: null, write, status), false);
        }
    }

    private static JsonObject PatchNode(ResourceType type, JsonObject old, string mediaType, byte[] body)
    {
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("error decoding patch: " + e.Message);
        }

        try
        {
            var result = mediaType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(old, patch as JsonArray ?? throw ApiException.BadRequest("a JSON patch must be an array")),
                "application/merge-patch+json" => MergePatch.Apply(old, patch),
                "application/strategic-merge-patch+json" when type.BuiltIn =>
                    StrategicMergePatch.Apply(type, old, patch as JsonObject ?? throw ApiException.BadRequest("a strategic merge patch must be an object")),
                _ => throw ApiException.UnsupportedMediaType(mediaType),
            };
            return result as JsonObject ?? throw new ApiException(422, "Invalid", "the patch did not produce an object");
        }
        catch (InvalidOperationException e)
        {
            throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: {e.Message}");
        }
    }

    private static void CheckResourceVersion(ResourceType type, StoredObject current, JsonObject next)
    {
        var wanted = next["metadata"]?["resourceVersion"]?.ToString();
        if (!string.IsNullOrEmpty(wanted) && wanted != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw ApiException.Conflict(type.Group, type.Plural, current.Name);
        }
    }

    // entries == null: managedFields were already computed (server-side apply).
    private JsonObject UpdateLocked(ResourceType type, JsonObject old, JsonObject next, List<ManagedFieldsEntry>? entries, WriteOptions write, bool status)
    {
        if (status)
        {
            var onlyStatus = old.DeepClone().AsObject();
            onlyStatus["status"] = next["status"]?.DeepClone();
            if (entries is null)
            {
                onlyStatus["metadata"]!["managedFields"] = next["metadata"]?["managedFields"]?.DeepClone();
            }

            next = onlyStatus;
        }
        else if (type.HasStatus)
        {
            next["status"] = old["status"]?.DeepClone();
        }

        if (next["status"] is null)
        {
            next.Remove("status");
        }

        Normalize(type, next);

        // Objects keep the apiVersion they were stored with; reads through another served version only relabel.
        next["apiVersion"] = old["apiVersion"]?.DeepClone();
        var meta = Meta(next);
        var oldMeta = Meta(old);
        foreach (var key in ImmutableMetadata)
        {
            if (oldMeta[key] is { } value)
            {
                meta[key] = value.DeepClone();
            }
            else
            {
                meta.Remove(key);
            }
        }

        meta["resourceVersion"] = oldMeta["resourceVersion"]?.DeepClone();
        if (!status)
        {
            CheckImmutableFields(type, old, next);
        }

        AdmitSchema(type, old, next, write);
        if (type.TracksGeneration && !status && SpecChanged(type, old, next))
        {
            meta["generation"] = Generation(old) + 1;
        }

        if (entries is not null)
        {
            ServerSideApply.RecordUpdate(type, old, next, entries, write.Manager, ScopeOf(type, status), Now());
        }

        return write.DryRun ? next : Commit(type, old, next);
    }

    /// <summary>
    /// Built-in fields the real API server refuses to change after creation (422 <c>field is immutable</c>);
    /// clients recreate the object to change them.
    /// </summary>
    private static void CheckImmutableFields(ResourceType type, JsonObject old, JsonObject next)
    {
        if (type.Group == "apps" && type.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet"
            && old["spec"]?["selector"] is { } before && !JsonNode.DeepEquals(before, next["spec"]?["selector"]))
        {
            var value = next["spec"]?["selector"]?.ToJsonString() ?? "null";
            throw ApiException.Invalid(type.Group, type.Kind, Meta(old)["name"]?.ToString() ?? "",
                ("spec.selector", $"Invalid value: {value}: field is immutable"));
        }
    }

    private static bool SpecChanged(ResourceType type, JsonObject old, JsonObject next)
    {
        static JsonObject Body(JsonObject o, bool dropStatus)
        {
            var copy = new JsonObject();
            foreach (var (k, v) in o)
            {
                if (k != "metadata" && !(dropStatus && k == "status"))
                {
                    copy[k] = v?.DeepClone();
                }
            }

            return copy;
        }

        return !JsonNode.DeepEquals(Body(old, type.HasStatus), Body(next, type.HasStatus));
    }

    /// <summary>The one place an object is stored: no-op detection, revision, CRD and simulator hooks, finalizer-driven removal.</summary>
    private JsonObject Commit(ResourceType type, JsonObject? old, JsonObject next)
    {
        var meta = Meta(next);
        var deleting = meta["deletionTimestamp"] is not null;
        if (IsCrd(type) && !deleting)
        {
            EstablishCrd(old, next);
        }

        if (old is not null && JsonNode.DeepEquals(old, next))
        {
            return next;
        }

        if (deleting && (meta["finalizers"] as JsonArray ?? []).Count == 0 && !HasNamespaceFinalizer(type, next))
        {
            // Removing the last finalizer of an object being deleted deletes it in the same write.
            return RemoveLocked(type, next);
        }

        meta["resourceVersion"] = _store.NextRevision().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _store.Put(StoredObject.From(type, next));
        if (IsCrd(type) && !deleting)
        {
            Catalog.Register(next);
        }

        if (type.GroupResource == "deployments.apps")
        {
            Simulate(type, next);
        }

        return next;
    }

    private void Simulate(ResourceType type, JsonObject deployment)
    {
        if (!Deployments.Enabled || deployment["metadata"]?["deletionTimestamp"] is not null)
        {
            return;
        }

        var status = Deployments.StatusFor(deployment, Now());
        KeepTransitionTimes(deployment["status"]?["conditions"] as JsonArray, status["conditions"] as JsonArray);
        if (JsonNode.DeepEquals(deployment["status"], status))
        {
            return;
        }

        var next = deployment.DeepClone().AsObject();
        next["status"] = status;
        UpdateLocked(type, deployment.DeepClone().AsObject(), next, ManagedFieldsEntry.ReadAll(deployment), new WriteOptions("kube-controller-manager"), status: true);
    }

    // A condition whose status and reason did not change keeps its timestamps, so re-simulation is a no-op.
    private static void KeepTransitionTimes(JsonArray? before, JsonArray? after)
    {
        foreach (var condition in after?.OfType<JsonObject>() ?? [])
        {
            var same = before?.OfType<JsonObject>().FirstOrDefault(b => b["type"]?.ToString() == condition["type"]?.ToString() &&
                b["status"]?.ToString() == condition["status"]?.ToString() && b["reason"]?.ToString() == condition["reason"]?.ToString());
            if (same is not null)
            {
                foreach (var key in new[] { "lastUpdateTime", "lastTransitionTime", "message" })
                {
                    condition[key] = same[key]?.DeepClone();
                }
            }
        }
    }
}
