using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Rendering;

/// <summary>What a build produces: the objects in apply order, the component images and the revision.</summary>
/// <param name="Version">The selected version directory name.</param>
/// <param name="Objects">Every object, sorted for applying, before ownership labels and common metadata.</param>
/// <param name="Components">status.components: one entry per installed component, in spec order.</param>
/// <param name="Revision"><c>&lt;v&gt;@sha256:&lt;hex&gt;</c> over the objects in emission order.</param>
public sealed record RenderResult(
    string Version,
    IReadOnlyList<JsonObject> Objects,
    IReadOnlyList<ComponentImage> Components,
    string Revision)
{
    /// <summary>Object counts by kind, ordered by kind name (for summaries and logs).</summary>
    public IReadOnlyDictionary<string, int> CountsByKind =>
        Objects.GroupBy(o => o["kind"]?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
