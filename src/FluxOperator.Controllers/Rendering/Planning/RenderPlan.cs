using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Rendering.Planning;

/// <summary>
/// What applying one render over another does: every object added, changed (with field paths) or removed, the
/// container images that change, and the CRDs whose versions change. Pure: two object lists in, a plan out.
/// </summary>
public sealed class RenderPlan
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet"];

    private RenderPlan(string fromVersion, string toVersion, IReadOnlyList<PlanEntry> entries, IReadOnlyList<ImageChange> images, IReadOnlyList<CrdVersionChange> crds)
    {
        FromVersion = fromVersion;
        ToVersion = toVersion;
        Entries = entries;
        Images = images;
        Crds = crds;
    }

    /// <summary>The Flux version of the earlier render (empty when nothing is installed).</summary>
    public string FromVersion { get; }

    /// <summary>The Flux version of the later render.</summary>
    public string ToVersion { get; }

    /// <summary>Objects that are added, changed or removed, in apply order (removed ones last, in prune order).</summary>
    public IReadOnlyList<PlanEntry> Entries { get; }

    /// <summary>Containers whose image changes.</summary>
    public IReadOnlyList<ImageChange> Images { get; }

    /// <summary>CRDs whose served or storage versions change.</summary>
    public IReadOnlyList<CrdVersionChange> Crds { get; }

    /// <summary>How many objects are added.</summary>
    public int Added => Entries.Count(e => e.Action == PlanAction.Added);

    /// <summary>How many objects are changed.</summary>
    public int Changed => Entries.Count(e => e.Action == PlanAction.Changed);

    /// <summary>How many objects are removed.</summary>
    public int Removed => Entries.Count(e => e.Action == PlanAction.Removed);

    /// <summary>True when applying the later render changes nothing.</summary>
    public bool IsEmpty => Entries.Count == 0;

    /// <summary>Compares two renders (objects as they would be applied).</summary>
    /// <param name="fromVersion">The version of <paramref name="before"/>; empty when nothing is installed.</param>
    /// <param name="before">The objects of the installed revision.</param>
    /// <param name="toVersion">The version of <paramref name="after"/>.</param>
    /// <param name="after">The objects of the candidate revision.</param>
    /// <param name="installed">
    /// Objects known to be installed besides <paramref name="before"/> (a cluster's inventory): those the candidate does
    /// not render are listed as removed too, since garbage collection deletes them.
    /// </param>
    public static RenderPlan Compare(string fromVersion, IReadOnlyList<JsonObject> before, string toVersion, IReadOnlyList<JsonObject> after,
        IEnumerable<ObjectId>? installed = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = Index(before);
        var next = Index(after);
        var entries = new List<PlanEntry>();
        foreach (var obj in ApplyOrder.Sort(after))
        {
            var id = ObjectId.Of(obj);
            if (!old.TryGetValue(id, out var previous))
            {
                entries.Add(new PlanEntry(id, PlanAction.Added, []));
            }
            else if (FieldDiff.Paths(previous, obj) is { Count: > 0 } paths)
            {
                entries.Add(new PlanEntry(id, PlanAction.Changed, paths));
            }
        }

        foreach (var obj in ApplyOrder.Sort(before).Reverse())
        {
            var id = ObjectId.Of(obj);
            if (!next.ContainsKey(id))
            {
                entries.Add(new PlanEntry(id, PlanAction.Removed, []));
            }
        }

        foreach (var id in installed ?? [])
        {
            if (!old.ContainsKey(id) && !next.ContainsKey(id) && entries.All(e => e.Id != id))
            {
                entries.Add(new PlanEntry(id, PlanAction.Removed, []));
            }
        }

        return new RenderPlan(fromVersion ?? "", toVersion ?? "", entries, ImageChanges(old, next), CrdChanges(old, next));
    }

    /// <summary>
    /// One line for a condition or an event: <c>objects: 2 added, 31 changed, 0 removed; images changed: 6; CRD versions
    /// change: alerts.notification.toolkit.fluxcd.io (v1beta2,v1beta3* → v1beta3*), …</c>.
    /// </summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"objects: {Added} added, {Changed} changed, {Removed} removed; images changed: {Images.Count}");
        text.Append("; CRD versions change: ");
        text.Append(Crds.Count == 0 ? "none" : string.Join(", ", Crds.Select(c => $"{c.Name} ({string.Join(',', c.From)} → {string.Join(',', c.To)})")));
        return text.ToString();
    }

    /// <summary>The full plan as text, one object per line with its field paths indented below.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Plan {(FromVersion.Length == 0 ? "(nothing installed)" : FromVersion)} → {ToVersion}: {Summary()}\n");
        foreach (var entry in Entries)
        {
            var sign = entry.Action switch { PlanAction.Added => '+', PlanAction.Removed => '-', _ => '~' };
            text.Append(CultureInfo.InvariantCulture, $"{sign} {entry.Id.Subject} {entry.Action.ToString().ToLowerInvariant()}\n");
            foreach (var path in entry.FieldPaths)
            {
                text.Append("    ").Append(path).Append('\n');
            }
        }

        if (Images.Count > 0)
        {
            text.Append("Images:\n");
            foreach (var image in Images)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {image.Workload} {image.Container}: {image.From ?? "(none)"} → {image.To ?? "(none)"}\n");
            }
        }

        if (Crds.Count > 0)
        {
            text.Append("CRD versions (storage version marked *):\n");
            foreach (var crd in Crds)
            {
                text.Append("  ").Append(crd).Append('\n');
            }
        }

        return text.ToString();
    }

    private static Dictionary<ObjectId, JsonObject> Index(IReadOnlyList<JsonObject> objects)
    {
        var index = new Dictionary<ObjectId, JsonObject>();
        foreach (var obj in objects)
        {
            index[ObjectId.Of(obj)] = obj;
        }

        return index;
    }

    private static List<ImageChange> ImageChanges(Dictionary<ObjectId, JsonObject> old, Dictionary<ObjectId, JsonObject> next)
    {
        var changes = new List<ImageChange>();
        var workloads = old.Keys.Union(next.Keys).Where(id => WorkloadKinds.Contains(id.Kind, StringComparer.Ordinal))
            .OrderBy(id => id.Subject, StringComparer.Ordinal);
        foreach (var id in workloads)
        {
            var before = ContainerImages(old.GetValueOrDefault(id));
            var after = ContainerImages(next.GetValueOrDefault(id));
            foreach (var container in before.Keys.Union(after.Keys, StringComparer.Ordinal))
            {
                var from = before.GetValueOrDefault(container);
                var to = after.GetValueOrDefault(container);
                if (from != to)
                {
                    changes.Add(new ImageChange(id.Subject, container, from, to));
                }
            }
        }

        return changes;
    }

    private static SortedDictionary<string, string> ContainerImages(JsonObject? workload)
    {
        var images = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pod = workload?["spec"]?["template"]?["spec"];
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in (pod?[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (container["name"]?.GetValue<string>() is { } name && container["image"]?.GetValue<string>() is { } image)
                {
                    images[name] = image;
                }
            }
        }

        return images;
    }

    private static List<CrdVersionChange> CrdChanges(Dictionary<ObjectId, JsonObject> old, Dictionary<ObjectId, JsonObject> next)
    {
        var changes = new List<CrdVersionChange>();
        var crds = old.Keys.Union(next.Keys).Where(id => id is { Kind: "CustomResourceDefinition", Group: "apiextensions.k8s.io" })
            .OrderBy(id => id.Name, StringComparer.Ordinal);
        foreach (var id in crds)
        {
            var from = Versions(old.GetValueOrDefault(id));
            var to = Versions(next.GetValueOrDefault(id));
            if (!from.SequenceEqual(to, StringComparer.Ordinal))
            {
                changes.Add(new CrdVersionChange(id.Name, from, to));
            }
        }

        return changes;
    }

    private static string[] Versions(JsonObject? crd) =>
        (crd?["spec"]?["versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => v["served"]?.GetValue<bool>() != false || v["storage"]?.GetValue<bool>() == true)
            .Select(v => (v["name"]?.GetValue<string>() ?? "") + (v["storage"]?.GetValue<bool>() == true ? "*" : ""))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
