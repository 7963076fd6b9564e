using FluxOperator.Controllers.Rendering.Patching;
using static FluxOperator.Controllers.Api.V1.FluxComponents;
using static FluxOperator.Controllers.Rendering.JsonPatchOp;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Object-level and multi-tenant workload identity: the check, the token rule and root patch P9.</summary>
public static class WorkloadIdentity
{
    /// <summary>The controllers that take the gate on 2.6.x (helm-controller joins from 2.7.0).</summary>
    private static readonly string[] GatedOn26 =
        [SourceController, KustomizeController, NotificationController, ImageReflectorController, ImageAutomationController];

    private static readonly string[] Gated = [.. GatedOn26, HelmController];

    /// <summary>The spec's error for an unsupported combination, or null when the settings fit the release.</summary>
    public static string? Check(BuildParameters parameters, ReleaseGates gates)
    {
        var (ol, mt) = (parameters.ObjectLevelWorkloadIdentity, parameters.MultitenantWorkloadIdentity);
        if (gates.Below26)
        {
            return ol || mt ? ".objectLevelWorkloadIdentity and .multitenantWorkloadIdentity are not supported in Flux versions < 2.6.0" : null;
        }

        if (gates.Below27)
        {
            return mt ? ".multitenantWorkloadIdentity is not supported in Flux versions 2.6.x" : null;
        }

        return mt && !ol ? ".objectLevelWorkloadIdentity must be set to true when .multitenantWorkloadIdentity is set to true" : null;
    }

    /// <summary>True when the roles layer drops the <c>serviceaccounts/token</c> rule: from 2.6 unless object-level identity is on.</summary>
    public static bool RemovesTokenPermission(BuildParameters parameters, ReleaseGates gates) =>
        !gates.Below26 && !parameters.ObjectLevelWorkloadIdentity;

    /// <summary>Root patches P9 (call only after <see cref="Check"/> passed).</summary>
    public static IReadOnlyList<Patch> Patches(BuildParameters parameters, ReleaseGates gates)
    {
        if (gates.Below26)
        {
            return [];
        }

        var ol = parameters.ObjectLevelWorkloadIdentity;
        if (gates.Below27)
        {
            return ol ? [Json(Deployments(GatedOn26), AppendArgs("--feature-gates=ObjectLevelWorkloadIdentity=true"))] : [];
        }

        var patches = new List<Patch>
        {
            Json(Deployments(Gated), AppendArgs($"--feature-gates=ObjectLevelWorkloadIdentity={(ol ? "true" : "false")}")),
        };
        if (ol && parameters.MultitenantWorkloadIdentity)
        {
            patches.Add(Json(
                Deployments(SourceController, NotificationController, ImageReflectorController, ImageAutomationController),
                AppendArgs($"--default-service-account={parameters.TenantDefaultServiceAccount}")));
            patches.Add(Json(
                Deployments(KustomizeController),
                AppendArgs($"--default-decryption-service-account={parameters.TenantDefaultDecryptionServiceAccount}")));
            patches.Add(Json(
                Deployments(KustomizeController, HelmController),
                AppendArgs($"--default-kubeconfig-service-account={parameters.TenantDefaultKubeConfigServiceAccount}")));
        }

        return patches;
    }
}
