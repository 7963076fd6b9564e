using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Selects the objects a <see cref="PatchTarget"/> names: anchored RE2 regexes plus label and annotation selectors.</summary>
public sealed class TargetSelector
{
    private readonly Regex? _group;
    private readonly Regex? _version;
    private readonly Regex? _kind;
    private readonly Regex? _name;
    private readonly Regex? _namespace;
    private readonly LabelSelector? _labels;
    private readonly LabelSelector? _annotations;

    /// <summary>Compiles a target.</summary>
    /// <exception cref="ArgumentException">A regex or selector is invalid; the message is the reference's.</exception>
    public TargetSelector(PatchTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _group = Compile(target.Group);
        _version = Compile(target.Version);
        _kind = Compile(target.Kind);
        _name = Compile(target.Name);
        _namespace = Compile(target.Namespace);
        _labels = string.IsNullOrEmpty(target.LabelSelector) ? null : LabelSelector.Parse(target.LabelSelector);
        _annotations = string.IsNullOrEmpty(target.AnnotationSelector) ? null : LabelSelector.Parse(target.AnnotationSelector);
    }

    /// <summary>True when every given part of the target matches.</summary>
    public bool Matches(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var current = resource.CurrentId;
        var original = resource.OriginalId;
        return (_namespace is null || _namespace.IsMatch(original.EffectiveNamespace) || _namespace.IsMatch(current.EffectiveNamespace))
            && (_name is null || _name.IsMatch(original.Name) || _name.IsMatch(current.Name))
            && (_group is null || _group.IsMatch(current.Group))
            && (_version is null || _version.IsMatch(current.Version))
            && (_kind is null || _kind.IsMatch(current.Kind))
            && (_labels is null || _labels.Matches(StringMap(resource.Manifest, "labels")))
            && (_annotations is null || _annotations.Matches(StringMap(resource.Manifest, "annotations")));
    }

    /// <summary>The matching resources, in list order.</summary>
    public IEnumerable<Resource> Select(IEnumerable<Resource> resources) => resources.Where(Matches);

    private static Regex? Compile(string? pattern) => string.IsNullOrEmpty(pattern) ? null : GoRegex.CompileAnchored(pattern);

    private static Dictionary<string, string> StringMap(JsonObject manifest, string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (manifest["metadata"] is JsonObject metadata && metadata[field] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                result[key] = StrategicMerge.Text(value);
            }
        }

        return result;
    }
}
