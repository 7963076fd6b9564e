using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;
using static FluxOperator.Controllers.Api.V1.FluxComponents;
using static FluxOperator.Controllers.Rendering.JsonPatchOp;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Root patches for OpenShift (P4), multi-tenancy (P6), source-watcher (P7) and the notification extension (P8).</summary>
public static class ClusterPatches
{
    /// <summary>P4: OpenShift assigns its own UIDs and pod-security admission, so the release's settings go.</summary>
    public static IReadOnlyList<Patch> OpenShift() =>
    [
        Json(
            new PatchTarget(Kind: "Deployment"),
            Remove("/spec/template/spec/securityContext"),
            Remove("/spec/template/spec/containers/0/securityContext/seccompProfile"),
            Remove("/spec/template/spec/containers/0/securityContext/runAsNonRoot")),
        Json(
            new PatchTarget(Kind: "Namespace"),
            Remove("/metadata/labels/pod-security.kubernetes.io~1warn"),
            Remove("/metadata/labels/pod-security.kubernetes.io~1warn-version")),
    ];

    /// <summary>P6: the multi-tenancy lockdown.</summary>
    public static IReadOnlyList<Patch> Multitenancy(string tenantDefaultServiceAccount) =>
    [
        Json(
            Deployments(KustomizeController, HelmController, NotificationController, ImageReflectorController, ImageAutomationController, SourceWatcher),
            AppendArgs("--no-cross-namespace-refs=true")),
        Json(Deployments(KustomizeController), AppendArgs("--no-remote-bases=true")),
        Json(Deployments(KustomizeController, HelmController), AppendArgs($"--default-service-account={tenantDefaultServiceAccount}")),
        Json(new PatchTarget(Kind: "Kustomization"), Add("/spec/serviceAccountName", "kustomize-controller")),
    ];

    /// <summary>P7: kustomize and helm controllers consume source-watcher's ExternalArtifacts.</summary>
    public static IReadOnlyList<Patch> SourceWatcherGate() =>
        [Json(Deployments(KustomizeController, HelmController), AppendArgs("--feature-gates=ExternalArtifact=true"))];

    /// <summary>P8: alerts and receivers accept the operator's kinds, and the controllers may read them.</summary>
    public static IReadOnlyList<Patch> NotificationExtension(ReleaseGates gates)
    {
        // The CRDs lose their oldest versions over time; only indices that exist in the release are extended.
        var indices = new List<int> { 0 };
        if (gates.Minor <= 8)
        {
            indices.Add(1);
        }

        if (gates.Minor <= 6)
        {
            indices.Add(2);
        }

        return
        [
            Json(Crd("alerts.notification.toolkit.fluxcd.io"), KindEnumAdditions(indices, "eventSources")),
            Json(Crd("receivers.notification.toolkit.fluxcd.io"), KindEnumAdditions(indices, "resources")),
            Json(
                new PatchTarget(Kind: "ClusterRole", Name: "crd-controller"),
                Add("/rules/-", new JsonObject
                {
                    ["apiGroups"] = new JsonArray("fluxcd.controlplane.io"),
                    ["resources"] = new JsonArray("*"),
                    ["verbs"] = new JsonArray("*"),
                })),
        ];
    }

    private static PatchTarget Crd(string name) => new(Kind: "CustomResourceDefinition", Name: name);

    private static JsonNode[] KindEnumAdditions(IEnumerable<int> versionIndices, string property) =>
        versionIndices
            .SelectMany(i => new[] { "FluxInstance", "ResourceSet", "ResourceSetInputProvider" }.Select(kind => (JsonNode)Add(
                $"/spec/versions/{i}/schema/openAPIV3Schema/properties/spec/properties/{property}/items/properties/kind/enum/-",
                kind)))
            .ToArray();
}
