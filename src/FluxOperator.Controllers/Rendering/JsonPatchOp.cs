using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Small builders for the built-in JSON6902 operations and targets, so the patch tables read like the spec.</summary>
internal static class JsonPatchOp
{
    /// <summary>The manager container's args (<c>containers[0]</c> is the manager in every release).</summary>
    public const string ManagerArgs = "/spec/template/spec/containers/0/args";

    /// <summary>The manager container's resources.</summary>
    public const string ManagerResources = "/spec/template/spec/containers/0/resources";

    /// <summary>Annotation that marks shard copies; <c>!</c> of it excludes them.</summary>
    public const string ShardRole = "sharding.fluxcd.io/role";

    public static JsonObject Add(string path, JsonNode? value) => new() { ["op"] = "add", ["path"] = path, ["value"] = value };

    public static JsonObject Replace(string path, JsonNode? value) => new() { ["op"] = "replace", ["path"] = path, ["value"] = value };

    public static JsonObject Remove(string path) => new() { ["op"] = "remove", ["path"] = path };

    /// <summary>Appends each argument to the manager args, in order.</summary>
    public static JsonNode[] AppendArgs(params string[] args) => args.Select(a => (JsonNode)Add(ManagerArgs + "/-", a)).ToArray();

    /// <summary>Deployments whose original or current name is one of <paramref name="names"/> (anchored group).</summary>
    public static PatchTarget Deployments(params string[] names) => new(Kind: "Deployment", Name: "(" + string.Join('|', names) + ")");

    /// <summary>One Deployment by name, with the full group/version/kind as the per-component patches use.</summary>
    public static PatchTarget Deployment(string name, string? annotationSelector = null) =>
        new(Group: "apps", Version: "v1", Kind: "Deployment", Name: name, AnnotationSelector: annotationSelector);

    /// <summary>A JSON6902 patch of <paramref name="operations"/> on <paramref name="target"/>.</summary>
    public static Patch Json(PatchTarget target, params JsonNode[] operations) => Patch.Json6902(target, operations);

    /// <summary>A resources object <c>{requests: {cpu, memory}, limits: {cpu, memory}}</c>.</summary>
    public static JsonObject Resources(string requestCpu, string requestMemory, string limitCpu, string limitMemory) => new()
    {
        ["limits"] = new JsonObject { ["cpu"] = limitCpu, ["memory"] = limitMemory },
        ["requests"] = new JsonObject { ["cpu"] = requestCpu, ["memory"] = requestMemory },
    };
}
