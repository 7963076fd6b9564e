using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The manifest files of one release folder (<c>&lt;dist&gt;/flux/&lt;v&gt;</c>), read once and parsed on first use.</summary>
/// <remarks>Layers copy what they add, so the parsed objects are shared safely between builds and shards; keep one
/// instance per release folder to parse the large CRD files only once.</remarks>
public sealed class ReleaseManifests
{
    private readonly IReadOnlyDictionary<string, string> _texts;
    private readonly ConcurrentDictionary<string, IReadOnlyList<JsonObject>> _parsed = new(StringComparer.Ordinal);

    private ReleaseManifests(string source, IReadOnlyDictionary<string, string> texts)
    {
        Source = source;
        _texts = texts;
    }

    /// <summary>Where the files came from (the release folder, or a description for in-memory files).</summary>
    public string Source { get; }

    /// <summary>Reads every <c>*.yaml</c> file of a release folder.</summary>
    /// <exception cref="RenderException">The folder does not exist.</exception>
    public static ReleaseManifests Load(string releaseDirectory)
    {
        if (!Directory.Exists(releaseDirectory))
        {
            throw new RenderException($"release directory {releaseDirectory} does not exist");
        }

        var texts = Directory.EnumerateFiles(releaseDirectory, "*.yaml")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), ReadBounded, StringComparer.Ordinal);
        return new ReleaseManifests(releaseDirectory, texts);
    }

    /// <summary>In-memory files by stem (<c>source-controller</c>, <c>rbac</c>, <c>policies</c>), for tests.</summary>
    public static ReleaseManifests FromTexts(IReadOnlyDictionary<string, string> filesByStem, string source = "memory") =>
        new(source, new Dictionary<string, string>(filesByStem, StringComparer.Ordinal));

    /// <summary>The raw text of <c>&lt;stem&gt;.yaml</c> (the roles layer edits it before parsing).</summary>
    /// <exception cref="RenderException">The release has no such file.</exception>
    public string Text(string stem) =>
        _texts.TryGetValue(stem, out var text)
            ? text
            : throw new RenderException($"accumulating resources: open {Path.Combine(Source, stem + ".yaml")}: no such file or directory");

    /// <summary>The objects of <c>&lt;stem&gt;.yaml</c>, in file order; callers must not modify them.</summary>
    /// <exception cref="RenderException">The file is not valid YAML or crosses an input limit.</exception>
    public IReadOnlyList<JsonObject> Objects(string stem) => _parsed.GetOrAdd(stem, Parse);

    private IReadOnlyList<JsonObject> Parse(string stem)
    {
        try
        {
            return YamlDocuments.ParseObjects(Text(stem));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new RenderException($"{stem}.yaml: {e.Message}", e);
        }
    }

    private static string ReadBounded(string path)
    {
        try
        {
            return BoundedTextReader.ReadFile(path, InputLimits.Current);
        }
        catch (InputLimitException e)
        {
            throw new RenderException($"{Path.GetFileName(path)}: {e.Message}", e);
        }
    }
}
