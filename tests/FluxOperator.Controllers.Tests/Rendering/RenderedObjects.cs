using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Tests.Rendering;

/// <summary>Read-only views over a build result so scenario assertions read like the spec.</summary>
internal sealed class RenderedObjects(RenderResult result)
{
    public RenderResult Result { get; } = result;

    public IReadOnlyList<JsonObject> All => Result.Objects;

    public static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    public static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    public static string? Namespace(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>();

    public int Count(string kind) => All.Count(o => Kind(o) == kind);

    public IReadOnlyDictionary<string, int> Counts => Result.CountsByKind;

    public string[] Names(string kind) => All.Where(o => Kind(o) == kind).Select(Name).ToArray();

    public JsonObject Get(string kind, string name) =>
        All.SingleOrDefault(o => Kind(o) == kind && Name(o) == name) ?? throw new Xunit.Sdk.XunitException($"no {kind} {name}");

    public bool Has(string kind, string name) => All.Any(o => Kind(o) == kind && Name(o) == name);

    public JsonObject Deployment(string name) => Get("Deployment", name);

    public IReadOnlyList<JsonObject> Deployments => All.Where(o => Kind(o) == "Deployment").ToArray();

    public static JsonObject Manager(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().OfType<JsonObject>().Single(c => c["name"]!.GetValue<string>() == "manager");

    public static string[] ArgsOf(JsonObject deployment) =>
        Manager(deployment)["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    public string[] Args(string deployment) => ArgsOf(Deployment(deployment));

    public string Image(string deployment) => Manager(Deployment(deployment))["image"]!.GetValue<string>();

    public static IReadOnlyDictionary<string, string> Map(JsonNode? node) =>
        node is JsonObject obj ? obj.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) : new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> Labels(JsonObject o) => Map(o["metadata"]?["labels"]);

    public static IReadOnlyDictionary<string, string> Annotations(JsonObject o) => Map(o["metadata"]?["annotations"]);

    /// <summary>Args after the release's own ones (5 for most controllers, 7 for source-controller and source-watcher).</summary>
    public string[] ArgsAfterRelease(string deployment, int releaseArgs) => Args(deployment).Skip(releaseArgs).ToArray();

    public static IReadOnlyList<JsonObject> Rules(JsonObject clusterRole) => clusterRole["rules"]!.AsArray().OfType<JsonObject>().ToArray();

    public static bool IsTokenRule(JsonObject rule) =>
        rule["resources"] is JsonArray resources && resources.Any(r => r!.GetValue<string>() == "serviceaccounts/token");

    public static bool IsOperatorRule(JsonObject rule) =>
        rule["apiGroups"] is JsonArray groups && groups.Any(g => g!.GetValue<string>() == "fluxcd.controlplane.io");
}
