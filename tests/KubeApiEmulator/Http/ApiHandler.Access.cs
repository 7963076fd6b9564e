using System.Net;
using KubeApiEmulator.Auth;
using KubeApiEmulator.Json;
using KubeApiEmulator.Semantics;
using Microsoft.AspNetCore.Http;

namespace KubeApiEmulator.Http;

/// <summary>Authentication, impersonation and authorization of every request, RBAC write checks and the review APIs.</summary>
public sealed partial class ApiHandler
{
    /// <summary>Who may do what; set once before the server starts.</summary>
    public ClusterAccess Access { get; set; } = null!;

    // Authenticates and authorizes; throws 401/403 (answered as Status) when the request may not proceed.
    private async Task AdmitAsync(HttpContext ctx, RequestTarget? target, string verb)
    {
        var user = Access.Impersonate(Access.Authenticate(ctx.Request.Headers.Authorization.FirstOrDefault()), Impersonation(ctx.Request.Headers));
        ctx.Items[typeof(UserInfo)] = user;
        if (target is null)
        {
            Access.Check(RequestAttributes.ForPath(user, ctx.Request.Method.ToLowerInvariant(), ctx.Request.Path.Value ?? "/"));
            return;
        }

        var name = target.Name;
        if (name is null && verb is "list" or "watch" && Selection.FieldSelector.Parse(ctx.Request.Query["fieldSelector"], target.Type.GroupResource).Name is { } pinned)
        {
            name = pinned;
        }

        // A namespace is its own namespace: a RoleBinding in it may grant reading it.
        var ns = target.Type.GroupResource == "namespaces" && target.Name is not null ? target.Name : target.Namespace;
        Access.Check(RequestAttributes.ForResource(user, verb, target.Type.Group, target.Type.Plural, target.Subresource, ns, name));

        // A server-side apply that would create the object is a create too, as the API server checks it.
        if (verb == "patch" && target.Subresource is null && !user.IsPrivileged && IsApply(ctx) && _state.Find(target.Type, target.Namespace, target.Name!) is null)
        {
            Access.Check(RequestAttributes.ForResource(user, "create", target.Type.Group, target.Type.Plural, null, ns, name));
        }

        if (Access.Enabled && !user.IsPrivileged && RbacPolicy.IsRbac(target.Type.GroupResource) && verb is "create" or "update" or "patch")
        {
            await CheckRbacWrite(ctx, target, verb, user);
        }
    }

    // The object the write would store, as a dry run computes it, must not grant more than the user holds.
    private async Task CheckRbacWrite(HttpContext ctx, RequestTarget target, string verb, UserInfo user)
    {
        ctx.Request.EnableBuffering();
        var body = await ReadBody(ctx);
        ctx.Request.Body.Position = 0;
        var dryRun = new WriteOptions(Manager(ctx), DryRun: true);
        var media = (ctx.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var result = verb switch
        {
            "patch" when media == "application/apply-patch+yaml" =>
                _state.Apply(target.Type, target.Namespace, target.Name!, body, dryRun with { Manager = ctx.Request.Query["fieldManager"].FirstOrDefault() ?? "unknown" }, force: true, status: false).Object,
            "patch" => _state.Patch(target.Type, target.Namespace, target.Name!, media, body, dryRun, status: false),
            _ => JsonBytes.ParseBody(body) as System.Text.Json.Nodes.JsonObject ?? throw ApiException.BadRequest("the request body must be an object"),
        };
        var name = target.Name ?? result["metadata"]?["name"]?.ToString() ?? "";
        RbacEscalation.Check(Access, user, target.Type.Plural, target.Namespace ?? "", name, result);
    }

    private async Task ServeReview(HttpContext ctx, RequestTarget target, string verb)
    {
        if (verb != "create" || target.Name is not null)
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        var review = await ReadObject(ctx);
        var answer = AccessReviews.Answer(Access, (UserInfo)ctx.Items[typeof(UserInfo)]!, target.Type.Plural, target.Namespace, review);
        answer["apiVersion"] = target.Type.ApiVersion;
        answer["kind"] = target.Type.Kind;
        await WriteJson(ctx, (int)HttpStatusCode.Created, JsonBytes.From(answer));
    }

    private static bool IsApply(HttpContext ctx) =>
        (ctx.Request.ContentType ?? "").StartsWith("application/apply-patch+yaml", StringComparison.OrdinalIgnoreCase);

    private static ImpersonationRequest Impersonation(IHeaderDictionary headers)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        const string extraPrefix = "Impersonate-Extra-";
        foreach (var (header, values) in headers)
        {
            if (header.StartsWith(extraPrefix, StringComparison.OrdinalIgnoreCase))
            {
                extra[Uri.UnescapeDataString(header[extraPrefix.Length..]).ToLowerInvariant()] = values.Where(v => v is not null).Select(v => v!).ToArray();
            }
        }

        var user = headers["Impersonate-User"].FirstOrDefault();
        var uid = headers["Impersonate-Uid"].FirstOrDefault();
        return new ImpersonationRequest(string.IsNullOrEmpty(user) ? null : user, headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToArray(), extra,
            string.IsNullOrEmpty(uid) ? null : uid);
    }
}
