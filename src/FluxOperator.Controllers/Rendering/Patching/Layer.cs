using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>One kustomization: gathers resources (and nested layers), then patches and transforms them (docs/kustomize-subset.md).</summary>
/// <remarks>
/// <see cref="Build"/> runs, in this fixed order: the patch list (each patch in list order, each to every current
/// object) → <see cref="Namespace"/> → <see cref="NameSuffix"/> → <see cref="CommonAnnotations"/> →
/// <see cref="Images"/> → <see cref="Annotations"/> and <see cref="Labels"/>; the outermost layer then fixes
/// name references. Nested layers are built first and their objects keep their original identities.
/// The inputs are never modified: every build works on deep copies, so a layer can be built twice.
/// <example>
/// <code>
/// var shard = new Layer { Namespace = "flux-system", NameSuffix = "-shard1" }.AddYaml(sourceControllerYaml);
/// shard.CommonAnnotations["sharding.fluxcd.io/role"] = "shard";
/// var root = new Layer { Namespace = "flux-system" }.Add(namespaceObject).AddYaml(sourceControllerYaml).Add(shard);
/// root.Patches.Add(new Patch("- {op: add, path: /spec/template/spec/containers/0/args/-, value: --concurrent=10}",
///     new PatchTarget(Kind: "Deployment", Name: "source-controller")) { Origin = "spec.kustomize.patches[0]" });
/// root.Images.Add(new ImageOverride("fluxcd/source-controller", "ghcr.io/fluxcd/source-controller", "v1.7.0", "sha256:…"));
/// root.Labels["app.kubernetes.io/managed-by"] = "flux-operator";
/// IReadOnlyList&lt;Resource&gt; emitted = root.Build();          // emission order, for the revision digest
/// var applyOrder = ApplyOrder.Sort(emitted.Select(r => r.Manifest)); // for applying
/// </code>
/// </example>
/// </remarks>
public sealed class Layer
{
    private readonly List<object> _entries = [];

    /// <summary>The patches, applied in list order.</summary>
    public IList<Patch> Patches { get; } = new List<Patch>();

    /// <summary>The namespace set on every namespaced object, or null for none.</summary>
    public string? Namespace { get; set; }

    /// <summary>The suffix appended to every object's name except CRDs, Namespaces and APIServices, or null.</summary>
    public string? NameSuffix { get; set; }

    /// <summary>Annotations set on every object and on pod templates (kustomize's <c>commonAnnotations</c>).</summary>
    public IDictionary<string, string> CommonAnnotations { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Image rewrites, applied in list order.</summary>
    public IList<ImageOverride> Images { get; } = new List<ImageOverride>();

    /// <summary>Annotations set on <c>metadata.annotations</c> only, overwriting.</summary>
    public IDictionary<string, string> Annotations { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Labels set on <c>metadata.labels</c> only, overwriting; selectors and templates untouched.</summary>
    public IDictionary<string, string> Labels { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Adds one manifest; its original identity is its identity now.</summary>
    public Layer Add(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        _entries.Add(new Resource(manifest));
        return this;
    }

    /// <summary>Adds manifests in order.</summary>
    public Layer Add(IEnumerable<JsonObject> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        foreach (var manifest in manifests)
        {
            Add(manifest);
        }

        return this;
    }

    /// <summary>Adds a resource that already carries an original identity.</summary>
    public Layer Add(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        _entries.Add(resource);
        return this;
    }

    /// <summary>Adds every document of a multi-document YAML stream, in order.</summary>
    public Layer AddYaml(string yaml) => Add(YamlDocuments.ParseObjects(yaml));

    /// <summary>Adds a nested layer; it is built (without reference fixes) when this layer is built.</summary>
    public Layer Add(Layer nested)
    {
        ArgumentNullException.ThrowIfNull(nested);
        if (ReferenceEquals(nested, this))
        {
            throw new ArgumentException("a layer cannot contain itself", nameof(nested));
        }

        _entries.Add(nested);
        return this;
    }

    /// <summary>Builds this layer as the outermost one: patches, namespace, suffix, annotations, images, labels (docs/kustomize-subset.md#layer-evaluation), then name-reference fixes.</summary>
    /// <returns>The objects in emission order (deleted objects absent); sort with <see cref="ApplyOrder"/> for applying.</returns>
    /// <exception cref="KustomizeError">A patch, selector or transformer failed; nothing is returned.</exception>
    public IReadOnlyList<Resource> Build() => Build(null);

    /// <summary>Builds this layer as the outermost one: patches, namespace, suffix, annotations, images, labels (docs/kustomize-subset.md#layer-evaluation), then name-reference fixes.</summary>
    /// <param name="unmatched">Told about every patch (of this or a nested layer) whose target selected nothing,
    /// with its index in its layer's list; such a patch is otherwise ignored, as kustomize ignores it.</param>
    /// <returns>The objects in emission order (deleted objects absent); sort with <see cref="ApplyOrder"/> for applying.</returns>
    /// <exception cref="KustomizeError">A patch, selector or transformer failed; nothing is returned.</exception>
    public IReadOnlyList<Resource> Build(Action<Patch, int>? unmatched)
    {
        var resources = BuildNested(unmatched);
        NameReferences.Fix(resources);
        foreach (var resource in resources)
        {
            // kustomize writes annotations back without its internal ones; an empty map disappears.
            if (resource.Manifest["metadata"] is JsonObject { } metadata && metadata["annotations"] is JsonObject { Count: 0 })
            {
                metadata.Remove("annotations");
            }
        }

        return resources;
    }

    /// <summary>The current manifests of <see cref="Build"/>, in emission order.</summary>
    public IReadOnlyList<JsonObject> BuildManifests() => Build().Select(r => r.Manifest).ToArray();

    private List<Resource> BuildNested(Action<Patch, int>? unmatched)
    {
        var resources = Accumulate(unmatched);
        for (var i = 0; i < Patches.Count; i++)
        {
            if (PatchEngine.Apply(resources, Patches[i], i) == 0)
            {
                unmatched?.Invoke(Patches[i], i);
            }
        }

        if (!string.IsNullOrEmpty(Namespace))
        {
            NamespaceTransformer.Apply(resources, Namespace);
        }

        if (!string.IsNullOrEmpty(NameSuffix))
        {
            NameSuffixTransformer.Apply(resources, NameSuffix);
        }

        if (CommonAnnotations.Count > 0)
        {
            MetadataTransformer.SetAnnotations(resources, CommonAnnotations, includeTemplates: true);
        }

        ImagesTransformer.Apply(resources, Images.ToArray());

        if (Annotations.Count > 0)
        {
            MetadataTransformer.SetAnnotations(resources, Annotations, includeTemplates: false);
        }

        if (Labels.Count > 0)
        {
            MetadataTransformer.SetLabels(resources, Labels);
        }

        return resources;
    }

    /// <summary>A copy of an entering resource as kustomize loads it: annotations are a string map, never empty.</summary>
    private static Resource Load(Resource entry)
    {
        var resource = entry.Clone();
        PatchEngine.StringifyMetadataMap(resource.Manifest, "annotations");
        return resource;
    }

    private List<Resource> Accumulate(Action<Patch, int>? unmatched)
    {
        var resources = new List<Resource>();
        var ids = new HashSet<ResourceId>();
        foreach (var entry in _entries)
        {
            var added = entry is Layer nested ? nested.BuildNested(unmatched) : [Load((Resource)entry)];
            foreach (var resource in added)
            {
                if (!ids.Add(resource.CurrentId))
                {
                    throw new KustomizeError($"may not add resource with an already registered id: {resource.CurrentId}");
                }

                resources.Add(resource);
            }
        }

        return resources;
    }
}
