using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeApiEmulator.Json;
using KubeApiEmulator.Semantics;
using Microsoft.AspNetCore.Http;

namespace KubeApiEmulator.Http;

/// <summary>Answers every HTTP request: knobs, non-resource paths, discovery, then the resource verbs.</summary>
public sealed partial class ApiHandler
{
    private readonly ClusterState _state;
    private readonly KubeApiServerOptions _options;
    private readonly CancellationToken _stopping;

    /// <summary>Creates the handler over a cluster state.</summary>
    public ApiHandler(ClusterState state, KubeApiServerOptions options, RequestLog log, FaultKnobs faults, CancellationToken stopping)
    {
        _state = state;
        _options = options;
        Log = log;
        Faults = faults;
        _stopping = stopping;
    }

    /// <summary>The request log.</summary>
    public RequestLog Log { get; }

    /// <summary>The fault knobs.</summary>
    public FaultKnobs Faults { get; }

    /// <summary>Host:port for discovery's serverAddressByClientCIDRs.</summary>
    public string ServerAddress { get; set; } = "127.0.0.1";

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var target = ResolveTarget(segments);
        var verb = VerbOf(ctx, target);
        var logged = false;
        void Record()
        {
            if (!logged)
            {
                logged = true;
                Log.Add(new RequestRecord(ctx.Request.Method, verb, target?.LogName ?? "", path, ctx.Request.QueryString.Value ?? "", ctx.Response.StatusCode));
            }
        }

        // Record just before the response starts, so a client that has its answer always finds it in the log.
        ctx.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        try
        {
            if (Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(Faults.Latency, ctx.RequestAborted);
            }

            if (Faults.Take(ctx.Request.Method, verb, path) is { } failure)
            {
                await WriteStatus(ctx, Injected(failure));
            }
            else
            {
                await AdmitAsync(ctx, target, verb);
                await (target switch
                {
                    null => ServeNonResource(ctx, segments),
                    _ when Auth.AccessReviews.Serves(target.Type.Group, target.Type.Plural) => ServeReview(ctx, target, verb),
                    _ => ServeResource(ctx, target, verb, Record),
                });
            }
        }
        catch (ApiException e)
        {
            await WriteStatus(ctx, e);
        }
        catch (Exception e) when (e is JsonException or FormatException or YamlDotNet.Core.YamlException)
        {
            await WriteStatus(ctx, ApiException.BadRequest(e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An emulator bug: answer it loudly rather than as a client error.
            await WriteStatus(ctx, new ApiException(500, "InternalError", $"emulator failure: {e}"));
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            Record();
        }
    }

    private RequestTarget? ResolveTarget(string[] segments)
    {
        if (segments.Length >= 3 && segments[0] == "api")
        {
            return RequestTarget.Parse(_state.Catalog, "", segments[1], segments[2..]);
        }

        return segments.Length >= 4 && segments[0] == "apis" ? RequestTarget.Parse(_state.Catalog, segments[1], segments[2], segments[3..]) : null;
    }

    private static string VerbOf(HttpContext ctx, RequestTarget? target)
    {
        if (target is null)
        {
            return "discovery";
        }

        var query = ctx.Request.Query;
        return ctx.Request.Method switch
        {
            "GET" when query["watch"] is ["true" or "1"] => "watch",
            "GET" when target.Name is not null => "get",
            "GET" => "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when target.Name is null => "deletecollection",
            "DELETE" => "delete",
            _ => ctx.Request.Method.ToLowerInvariant(),
        };
    }

    private async Task ServeNonResource(HttpContext ctx, string[] segments)
    {
        JsonObject? body = segments switch
        {
            ["version"] => Discovery.Version(),
            ["api"] => Discovery.CoreVersions(ServerAddress),
            ["apis"] => Discovery.GroupList(_state.Catalog),
            ["apis", var group] => Discovery.Group(_state.Catalog, group),
            ["api", var version] => Discovery.ResourceList(_state.Catalog, "", version),
            ["apis", var group, var version] => Discovery.ResourceList(_state.Catalog, group, version),
            _ => null,
        };
        if (body is not null)
        {
            await WriteJson(ctx, 200, JsonBytes.From(body));
            return;
        }

        switch (segments)
        {
            case ["openapi", "v3"]:
                await WriteJson(ctx, 200, JsonBytes.From(OpenApi.Index(_state.Catalog)));
                return;
            case ["openapi", "v3", "api" or "apis", ..] when OpenApiDocument(segments[2..]) is { } document:
                await WriteJson(ctx, 200, JsonBytes.From(document));
                return;
            case ["healthz" or "livez" or "readyz"]:
                ctx.Response.ContentType = "text/plain";
                await ctx.Response.WriteAsync("ok", ctx.RequestAborted);
                return;
        }

        await WriteStatus(ctx, new ApiException(404, "NotFound", "the server could not find the requested resource",
            new JsonObject()));
    }

    private JsonObject? OpenApiDocument(string[] path) => path switch
    {
        ["api", var version] => OpenApi.GroupVersion(_state.Catalog, "", version),
        ["apis", var group, var version] => OpenApi.GroupVersion(_state.Catalog, group, version),
        _ => null,
    };

    private static ApiException Injected(int code) => code switch
    {
        409 => new ApiException(409, "Conflict", "injected conflict: the object has been modified; please apply your changes to the latest version and try again"),
        429 => new ApiException(429, "TooManyRequests", "injected: the server has received too many requests and has asked us to try again later"),
        503 => new ApiException(503, "ServiceUnavailable", "injected: the server is currently unable to handle the request"),
        _ => new ApiException(code, code >= 500 ? "InternalError" : "BadRequest", $"injected failure ({code})"),
    };

    private static Task WriteStatus(HttpContext ctx, ApiException e)
    {
        if (ctx.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        if (e.Code == 429)
        {
            ctx.Response.Headers.RetryAfter = "1";
        }

        return WriteJson(ctx, e.Code, JsonBytes.From(e.ToStatus()));
    }

    private static async Task WriteJson(HttpContext ctx, int code, byte[] body)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    private static async Task<byte[]> ReadBody(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        var body = buffer.ToArray();
        if (!(ctx.Request.ContentType ?? "").StartsWith("application/vnd.kubernetes.protobuf", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }

        // kubectl's typed client (create namespace|configmap|secret) sends protobuf; decode the few kinds it uses.
        var decoded = ProtobufObjects.TryDecode(body) ?? throw ApiException.UnsupportedMediaType(ctx.Request.ContentType!);
        return JsonBytes.From(decoded);
    }

    private static string Manager(HttpContext ctx)
    {
        if (ctx.Request.Query["fieldManager"] is [{ Length: > 0 } given])
        {
            return given;
        }

        var agent = ctx.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        var name = slash > 0 ? agent[..slash] : agent;
        return name.Length > 0 ? name : "unknown";
    }

    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
