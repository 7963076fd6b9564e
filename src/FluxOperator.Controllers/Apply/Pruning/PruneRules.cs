using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Apply.Pruning;

/// <summary>The rules that decide, on the live object, whether garbage collection or uninstall may delete it (docs/reconciliation.md#inventory-and-pruning).</summary>
public static class PruneRules
{
    /// <summary>
    /// Delete only objects carrying both ownership labels of the instance <paramref name="ownerName"/> in
    /// <paramref name="ownerNamespace"/>, and never those marked prune-disabled (label or annotation, any case).
    /// </summary>
    public static PruneVerdict Decide(JsonObject? live, string ownerName, string ownerNamespace) =>
        Decide(live, ownerName, ownerNamespace, LabelKeys.OwnerName, LabelKeys.OwnerNamespace);

    /// <summary>As <see cref="Decide(JsonObject?, string, string)"/>, with the owner's label keys given.</summary>
    public static PruneVerdict Decide(JsonObject? live, string ownerName, string ownerNamespace, string nameLabel, string namespaceLabel)
    {
        if (live is null)
        {
            return PruneVerdict.AlreadyGone;
        }

        var labels = live["metadata"]?["labels"] as JsonObject;
        if (Text(labels?[nameLabel]) != ownerName || Text(labels?[namespaceLabel]) != ownerNamespace)
        {
            return PruneVerdict.NotOwned;
        }

        return IsPruneDisabled(live) ? PruneVerdict.PruneDisabled : PruneVerdict.Delete;
    }

    /// <summary>Whether the object carries <c>fluxcd.controlplane.io/prune: disabled</c> as a label or an annotation.</summary>
    public static bool IsPruneDisabled(JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return IsDisabled(live["metadata"]?["labels"]?[AnnotationKeys.Prune]) || IsDisabled(live["metadata"]?["annotations"]?[AnnotationKeys.Prune]);
    }

    private static bool IsDisabled(JsonNode? value) => string.Equals(Text(value), AnnotationKeys.DisabledValue, StringComparison.OrdinalIgnoreCase);

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
