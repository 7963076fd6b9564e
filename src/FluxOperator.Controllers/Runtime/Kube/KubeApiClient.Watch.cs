using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>Watch streams.</summary>
public sealed partial class KubeApiClient
{
    /// <summary>
    /// Streams the changes of a collection after <see cref="ListOptions.ResourceVersion"/> until the server closes
    /// the stream or <paramref name="cancellationToken"/> fires. An ERROR event (e.g. 410 Expired) is thrown as
    /// <see cref="KubeApiException"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? @namespace, ListOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = type.PathFor(@namespace) + Query(options, watch: true);
        using var response = await SendRawAsync(HttpMethod.Get, path, null, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                yield break; // the connection dropped mid-stream: the same as the server closing it
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse(line, type);
        }
    }

    private static WatchEvent Parse(string line, ResourceType type)
    {
        JsonObject frame;
        try
        {
            frame = JsonNode.Parse(line)?.AsObject() ?? throw new KubeApiException("empty watch event");
        }
        catch (JsonException e)
        {
            throw new KubeApiException($"unreadable watch event for {type}: {e.Message}", e);
        }

        var obj = frame["object"] as JsonObject ?? throw new KubeApiException($"watch event without object for {type}");
        obj = obj.DeepClone().AsObject();
        var kind = frame["type"]?.ToString();
        if (kind == "ERROR")
        {
            throw FromStatus(obj, null, null);
        }

        var eventType = kind switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            _ => throw new KubeApiException($"unknown watch event type '{kind}' for {type}"),
        };
        obj["apiVersion"] ??= type.ApiVersion;
        obj["kind"] ??= type.Kind;
        return new WatchEvent(eventType, obj);
    }
}
