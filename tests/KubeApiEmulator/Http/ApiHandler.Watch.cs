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

/// <summary>Watch streams: one JSON event per line, bookmarks while idle, 410 for a revision outside the window.</summary>
public sealed partial class ApiHandler
{
    private async Task Watch(HttpContext ctx, RequestTarget target, Action record)
    {
        var query = ctx.Request.Query;
        var type = target.Type;
        var sendInitial = query["sendInitialEvents"] is ["true"];
        var rvText = query["resourceVersion"].FirstOrDefault();
        long? from = sendInitial || string.IsNullOrEmpty(rvText) || rvText == "0"
            ? null
            : long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : throw ApiException.BadRequest($"invalid resource version \"{rvText}\"");
        var bookmarks = query["allowWatchBookmarks"] is ["true"];
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], target.Type.GroupResource);
        if (target.Name is not null)
        {
            fields = FieldSelector.Parse($"metadata.name={target.Name}");
        }

        var subscription = _state.Watch(type, target.Namespace, labels, fields, from);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        record();
        await ctx.Response.StartAsync(ctx.RequestAborted);
        if (subscription is null)
        {
            var expired = ApiException.Expired($"too old resource version: {from} ({_state.Store.CompactedRevision})").ToStatus();
            await WriteLine(ctx, "ERROR", JsonBytes.From(expired));
            return;
        }

        using var _ = subscription;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping);
        if (Int(query["timeoutSeconds"]) is { } seconds)
        {
            cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        try
        {
            foreach (var e in subscription.Initial)
            {
                await WriteEvent(ctx, type, e);
            }

            if (sendInitial && bookmarks)
            {
                await WriteBookmark(ctx, type, _state.Revision, initialEventsEnd: true);
            }

            await ctx.Response.Body.FlushAsync(cts.Token);
            await Stream(ctx, type, subscription, bookmarks, cts.Token);
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds elapsed, the client left, or the server stops: the stream just ends.
        }
    }

    private async Task Stream(HttpContext ctx, ResourceType type, WatchSubscription subscription, bool bookmarks, CancellationToken token)
    {
        var reader = subscription.Events.Reader;
        Task<bool>? pending = null;
        while (true)
        {
            pending ??= reader.WaitToReadAsync(token).AsTask();
            if (bookmarks)
            {
                var tick = Task.Delay(_options.BookmarkInterval, token);
                if (await Task.WhenAny(pending, tick) == tick)
                {
                    await tick;
                    if (_state.BookmarkRevision(subscription) is { } revision)
                    {
                        await WriteBookmark(ctx, type, revision, initialEventsEnd: false);
                        await ctx.Response.Body.FlushAsync(token);
                    }

                    continue;
                }
            }

            if (!await pending)
            {
                return;
            }

            pending = null;
            while (reader.TryRead(out var e))
            {
                await WriteEvent(ctx, type, e);
            }

            await ctx.Response.Body.FlushAsync(token);
        }
    }

    private static Task WriteEvent(HttpContext ctx, ResourceType type, WatchEvent e) => WriteLine(ctx, e.Type, AsVersion(type, e.Object));

    private static Task WriteBookmark(HttpContext ctx, ResourceType type, long revision, bool initialEventsEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var obj = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = meta };
        return WriteLine(ctx, "BOOKMARK", JsonBytes.From(obj));
    }

    private static async Task WriteLine(HttpContext ctx, string eventType, byte[] obj)
    {
        var body = ctx.Response.Body;
        await body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"{eventType}\",\"object\":"));
        await body.WriteAsync(obj);
        await body.WriteAsync("}\n"u8.ToArray());
    }
}
