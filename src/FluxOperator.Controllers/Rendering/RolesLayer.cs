using FluxOperator.Controllers.Rendering.Patching;
using static FluxOperator.Controllers.Rendering.JsonPatchOp;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The RBAC layer built from the release's <c>rbac.yaml</c> (docs/rendering.md#layers).</summary>
public static class RolesLayer
{
    /// <summary>The layer for <paramref name="rbacYaml"/>: token rule removal, namespace, <c>-&lt;ns&gt;</c> suffix.</summary>
    /// <remarks>The binding roleRef is fixed by the root's name-reference pass, not here.</remarks>
    public static Layer Create(string rbacYaml, string @namespace, ReleaseGates gates, bool removeTokenPermission)
    {
        // The namespace transformer leaves ServiceAccount subjects alone; the reference moves them textually.
        var text = @namespace == "flux-system" ? rbacYaml : rbacYaml.Replace("flux-system", @namespace, StringComparison.Ordinal);
        var layer = new Layer { Namespace = @namespace, NameSuffix = "-" + @namespace };
        layer.AddYaml(text);
        if (removeTokenPermission)
        {
            // Positional, as in the reference: in every release this index holds the serviceaccounts/token rule.
            layer.Patches.Add(Json(new PatchTarget(Kind: "ClusterRole", Name: "crd-controller"), Remove($"/rules/{gates.TokenRuleIndex}")));
        }

        return layer;
    }
}
