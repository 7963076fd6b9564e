using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KubeApiEmulator.Json;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Selection;
using KubeApiEmulator.Semantics;
using KubeApiEmulator.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeApiEmulator.Http;

/// <summary>The resource verbs.</summary>
public sealed partial class ApiHandler
{
    private async Task ServeResource(HttpContext ctx, RequestTarget target, string verb, Action record)
    {
        var query = ctx.Request.Query;
        var type = target.Type;
        var status = target.Subresource == "status";
        var dryRun = query["dryRun"] is ["All"];
        switch (verb)
        {
            case "get" when Tables.Wanted(ctx.Request.Headers.Accept.ToString()):
                await WriteTable(ctx, type, new ListResult([_state.Get(type, target.Namespace, target.Name!)], _state.Revision, null));
                break;
            case "get":
                await WriteObject(ctx, 200, type, _state.Get(type, target.Namespace, target.Name!));
                break;
            case "list":
                var page = _state.List(type, target.Namespace, LabelSelector.Parse(query["labelSelector"]),
                    FieldSelector.Parse(query["fieldSelector"], target.Type.GroupResource), Int(query["limit"]), query["continue"]);
                await (Tables.Wanted(ctx.Request.Headers.Accept.ToString()) ? WriteTable(ctx, type, page) : WriteList(ctx, type, page));
                break;
            case "watch":
                await Watch(ctx, target, record);
                break;
            case "create" when target.Name is null:
                var created = _state.Create(type, target.Namespace, await ReadObject(ctx), Write(ctx, Manager(ctx), dryRun));
                await WriteNode(ctx, 201, type, created);
                break;
            case "update" when target.Name is not null:
                await WriteNode(ctx, 200, type, _state.Update(type, target.Namespace, target.Name, await ReadObject(ctx), Write(ctx, Manager(ctx), dryRun), status));
                break;
            case "patch" when target.Name is not null:
                await Patch(ctx, target, dryRun, status);
                break;
            case "delete":
                var options = await ReadDeleteOptions(ctx, dryRun);
                await WriteJson(ctx, 200, JsonBytes.From(_state.Delete(type, target.Namespace, target.Name!, options)));
                break;
            case "deletecollection":
                await DeleteCollection(ctx, target, await ReadDeleteOptions(ctx, dryRun));
                break;
            default:
                throw new ApiException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private async Task Patch(HttpContext ctx, RequestTarget target, bool dryRun, bool status)
    {
        var media = (ctx.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var body = await ReadBody(ctx);
        if (media == "application/apply-patch+yaml")
        {
            if (ctx.Request.Query["fieldManager"] is not [{ Length: > 0 } manager])
            {
                throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
            }

            var force = ctx.Request.Query["force"] is ["true"];
            var (obj, created) = _state.Apply(target.Type, target.Namespace, target.Name!, body, Write(ctx, manager, dryRun), force, status);
            await WriteNode(ctx, created ? 201 : 200, target.Type, obj);
            return;
        }

        await WriteNode(ctx, 200, target.Type, _state.Patch(target.Type, target.Namespace, target.Name!, media, body, Write(ctx, Manager(ctx), dryRun), status));
    }

    private async Task DeleteCollection(HttpContext ctx, RequestTarget target, Semantics.DeleteOptions options)
    {
        var query = ctx.Request.Query;
        var page = _state.List(target.Type, target.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"], target.Type.GroupResource), null, null);
        foreach (var item in page.Items)
        {
            try
            {
                _state.Delete(target.Type, item.Namespace.Length == 0 ? null : item.Namespace, item.Name, options);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Already gone through garbage collection.
            }
        }

        await WriteList(ctx, target.Type, page with { Continue = null });
    }

    // fieldValidation (default Warn); warnings are sent as Warning headers once the write has run.
    private static WriteOptions Write(HttpContext ctx, string manager, bool dryRun)
    {
        var write = new WriteOptions(manager, dryRun, FieldValidation: ctx.Request.Query["fieldValidation"] is [{ Length: > 0 } v] ? v : "Warn");
        ctx.Response.OnStarting(() =>
        {
            foreach (var warning in write.Warnings)
            {
                ctx.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
            }

            return Task.CompletedTask;
        });
        return write;
    }

    private static async Task<JsonObject> ReadObject(HttpContext ctx) =>
        JsonBytes.ParseBody(await ReadBody(ctx)) as JsonObject ?? throw ApiException.BadRequest("the request body must be an object");

    private static async Task<Semantics.DeleteOptions> ReadDeleteOptions(HttpContext ctx, bool dryRun)
    {
        var query = ctx.Request.Query;
        var body = await ReadBody(ctx);
        var json = body.Length > 0 ? JsonBytes.ParseBody(body) as JsonObject : null;
        var policy = json?["propagationPolicy"]?.ToString() ?? query["propagationPolicy"].FirstOrDefault();
        if (policy is null && (json?["orphanDependents"]?.GetValue<bool>() == true || query["orphanDependents"] is ["true"]))
        {
            policy = "Orphan";
        }

        return new Semantics.DeleteOptions
        {
            PropagationPolicy = policy,
            PreconditionUid = json?["preconditions"]?["uid"]?.ToString(),
            PreconditionResourceVersion = json?["preconditions"]?["resourceVersion"]?.ToString(),
            DryRun = dryRun || (json?["dryRun"] as JsonArray)?.Any(d => d?.ToString() == "All") == true,
        };
    }

    private static int? Int(string? text) =>
        string.IsNullOrEmpty(text) ? null : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw ApiException.BadRequest($"invalid integer {text}");

    // Objects of a multi-version CRD are stored once; a read through another version only relabels apiVersion.
    // Schema defaults apply on read too, so objects stored before a default existed are served with it.
    private static byte[] AsVersion(ResourceType type, StoredObject obj)
    {
        var json = Schema.SchemaAdmission.WithReadDefaults(type, obj);
        if (obj.ApiVersion == type.ApiVersion)
        {
            return json;
        }

        var node = JsonBytes.ToObject(json);
        node["apiVersion"] = type.ApiVersion;
        return JsonBytes.From(node);
    }

    private static Task WriteObject(HttpContext ctx, int code, ResourceType type, StoredObject obj) => WriteJson(ctx, code, AsVersion(type, obj));

    private static Task WriteNode(HttpContext ctx, int code, ResourceType type, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        return WriteJson(ctx, code, JsonBytes.From(obj));
    }

    private Task WriteTable(HttpContext ctx, ResourceType type, ListResult page)
    {
        var meta = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (page.Continue is not null)
        {
            meta["continue"] = page.Continue;
        }

        var objects = page.Items.Select(o => JsonBytes.ToObject(AsVersion(type, o))).ToArray();
        var table = Tables.Of(type, objects, meta, ctx.Request.Query["includeObject"] is ["Object"], _options.TimeProvider.GetUtcNow());
        return WriteJson(ctx, 200, JsonBytes.From(table));
    }

    private static async Task WriteList(HttpContext ctx, ResourceType type, ListResult page)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        var meta = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (page.Continue is not null)
        {
            meta["continue"] = page.Continue;
        }

        var head = $"{{\"kind\":\"{type.ListKind}\",\"apiVersion\":\"{type.ApiVersion}\",\"metadata\":{meta.ToJsonString()},\"items\":[";
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.GetBytes(head));
        for (var i = 0; i < page.Items.Count; i++)
        {
            if (i > 0)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(AsVersion(type, page.Items[i]));
        }

        buffer.Write("]}"u8);
        ctx.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
    }
}
