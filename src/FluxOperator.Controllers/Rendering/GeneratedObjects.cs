using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The objects the renderer writes itself rather than reading from the release.</summary>
public static class GeneratedObjects
{
    /// <summary>The namespace with the pod-security warning labels and the prune guard annotation.</summary>
    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject
            {
                ["pod-security.kubernetes.io/warn"] = "restricted",
                ["pod-security.kubernetes.io/warn-version"] = "latest",
            },
            ["annotations"] = new JsonObject { ["fluxcd.controlplane.io/prune"] = "disabled" },
        },
    };

    /// <summary>The <c>source-controller</c> claim (shard layers rename it with their suffix).</summary>
    public static JsonObject PersistentVolumeClaim(ArtifactStorage storage) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "PersistentVolumeClaim",
        ["metadata"] = new JsonObject { ["name"] = FluxComponents.SourceController },
        ["spec"] = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["storageClassName"] = storage.Class,
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = storage.Size } },
        },
    };

    /// <summary>The sync source: GitRepository, OCIRepository or Bucket, with the apiVersion of the release.</summary>
    public static JsonObject SyncSource(SyncParameters sync, string @namespace, ReleaseGates gates)
    {
        // Keys in alphabetical order, as the reference writes them; the values are always strings.
        var spec = new JsonObject();
        if (sync.Kind == "Bucket")
        {
            spec["bucketName"] = sync.Ref;
            spec["endpoint"] = sync.Url;
        }

        spec["interval"] = sync.Interval;
        if (!string.IsNullOrEmpty(sync.Provider))
        {
            spec["provider"] = sync.Provider;
        }

        switch (sync.Kind)
        {
            case "GitRepository":
                spec["ref"] = new JsonObject { ["name"] = sync.Ref };
                break;
            case "OCIRepository":
                spec["ref"] = new JsonObject { ["tag"] = sync.Ref };
                break;
        }

        if (!string.IsNullOrEmpty(sync.PullSecret))
        {
            spec["secretRef"] = new JsonObject { ["name"] = sync.PullSecret };
        }

        if (sync.Kind != "Bucket")
        {
            spec["url"] = sync.Url;
        }

        var apiVersion = sync.Kind == "GitRepository" || gates.AtLeast26
            ? "source.toolkit.fluxcd.io/v1"
            : "source.toolkit.fluxcd.io/v1beta2";
        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = sync.Kind,
            ["metadata"] = new JsonObject { ["name"] = sync.Name, ["namespace"] = @namespace },
            ["spec"] = spec,
        };
    }

    /// <summary>The Flux Kustomization that applies <see cref="SyncParameters.Path"/> from the sync source.</summary>
    public static JsonObject SyncKustomization(SyncParameters sync, string @namespace) => new()
    {
        ["apiVersion"] = "kustomize.toolkit.fluxcd.io/v1",
        ["kind"] = "Kustomization",
        ["metadata"] = new JsonObject { ["name"] = sync.Name, ["namespace"] = @namespace },
        ["spec"] = new JsonObject
        {
            ["interval"] = "10m0s",
            ["path"] = sync.Path,
            ["prune"] = true,
            ["sourceRef"] = new JsonObject { ["kind"] = sync.Kind, ["name"] = sync.Name },
        },
    };
}
