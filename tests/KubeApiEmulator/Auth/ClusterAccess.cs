using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KubeApiEmulator.Semantics;

namespace KubeApiEmulator.Auth;

/// <summary>
/// Authentication and authorization of the emulated API server: bearer tokens mapped to users (the kubeconfig's token is a
/// <c>system:masters</c> administrator), impersonation headers, the RBAC policy and the bootstrap roles with their
/// aggregation controller.
/// </summary>
public sealed class ClusterAccess : IAsyncDisposable
{
    /// <summary>The token of the kubeconfig the emulator writes.</summary>
    public const string AdminToken = "emulator-token";

    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);
    private readonly ClusterRoleAggregation _aggregation;
    private readonly UserInfo _withoutCredentials;

    /// <summary>Wires the policy to the store, creates the bootstrap roles and aggregates them.</summary>
    public ClusterAccess(ClusterState state, KubeApiServerOptions options)
    {
        Enabled = options.Authorization;
        _withoutCredentials = options.Authorization && options.UseTls ? UserInfo.Anonymous : UserInfo.Admin;
        _tokens[AdminToken] = UserInfo.Admin;
        foreach (var (token, user) in options.Tokens)
        {
            _tokens[token] = user;
        }

        lock (state.Store.Gate)
        {
            state.Store.Changed += Policy.Observe;
        }

        foreach (var obj in BootstrapPolicy.Objects())
        {
            var type = state.Catalog.FindByKind(obj["apiVersion"]!.ToString(), obj["kind"]!.ToString())!;
            state.Create(type, null, obj, new WriteOptions("kube-apiserver"));
        }

        _aggregation = new ClusterRoleAggregation(state, Policy);
        _aggregation.Reconcile();
    }

    /// <summary>False when every request is allowed (and any token accepted).</summary>
    public bool Enabled { get; }

    /// <summary>The RBAC authorizer.</summary>
    public RbacPolicy Policy { get; } = new();

    /// <summary>Registers a fresh bearer token for a user and returns it.</summary>
    public string AddToken(UserInfo user)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = user;
        return token;
    }

    /// <summary>
    /// The user a request authenticates as: the token's user; throws 401 for an unknown token. Without an Authorization
    /// header: <c>system:anonymous</c> over TLS, as on a real cluster, but the administrator over plain HTTP, because kubectl
    /// (client-go) sends no bearer token over plain HTTP and the kubeconfig the emulator writes is meant to be an administrator.
    /// </summary>
    public UserInfo Authenticate(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return _withoutCredentials;
        }

        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && _tokens.TryGetValue(authorization[bearer.Length..].Trim(), out var user))
        {
            return user;
        }

        return Enabled ? throw new ApiException(401, "Unauthorized", "Unauthorized") : UserInfo.Admin;
    }

    /// <summary>
    /// Applies impersonation headers: every impersonated attribute must be authorized with the <c>impersonate</c> verb for the
    /// caller. Answers the user the request then acts as.
    /// </summary>
    public UserInfo Impersonate(UserInfo caller, ImpersonationRequest request)
    {
        if (request.User is null)
        {
            if (request.Groups.Count > 0 || request.Extra.Count > 0 || request.Uid is not null)
            {
                throw ApiException.BadRequest($"requested {request.Describe()} without impersonating a user");
            }

            return caller;
        }

        var serviceAccount = UserInfo.AsServiceAccount(request.User);
        Check(serviceAccount is { } sa
            ? RequestAttributes.ForResource(caller, "impersonate", "", "serviceaccounts", null, sa.Namespace, sa.Name)
            : RequestAttributes.ForResource(caller, "impersonate", "", "users", null, null, request.User));
        foreach (var group in request.Groups)
        {
            Check(RequestAttributes.ForResource(caller, "impersonate", "", "groups", null, null, group));
        }

        foreach (var (key, values) in request.Extra)
        {
            foreach (var value in values)
            {
                Check(RequestAttributes.ForResource(caller, "impersonate", "authentication.k8s.io", "userextras", key, null, value));
            }
        }

        if (request.Uid is not null)
        {
            Check(RequestAttributes.ForResource(caller, "impersonate", "authentication.k8s.io", "uids", null, null, request.Uid));
        }

        var groups = request.Groups.Count == 0 && serviceAccount is { } account ? UserInfo.ServiceAccountGroups(account.Namespace).ToList() : request.Groups.ToList();
        if (request.User != UserInfo.AnonymousName && !groups.Contains(UserInfo.AuthenticatedGroup, StringComparer.Ordinal))
        {
            groups.Add(UserInfo.AuthenticatedGroup);
        }

        return new UserInfo(request.User, groups, request.Extra);
    }

    /// <summary>Authorizes a request; with authorization off everything is allowed.</summary>
    public AccessDecision Authorize(RequestAttributes request) => Enabled ? Policy.Authorize(request) : new AccessDecision(true, "");

    /// <summary>Throws the API server's 403 when the request is not allowed.</summary>
    public void Check(RequestAttributes request)
    {
        var decision = Authorize(request);
        if (!decision.Allowed)
        {
            throw Forbidden(request, decision.Reason);
        }
    }

    /// <summary>The API server's 403 for a denied request, worded as it words it.</summary>
    public static ApiException Forbidden(RequestAttributes request, string reason)
    {
        var user = request.User.Name;
        string message;
        if (!request.ResourceRequest)
        {
            message = $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\"";
        }
        else
        {
            var scope = request.Namespace.Length > 0 ? $"in the namespace \"{request.Namespace}\"" : "at the cluster scope";
            message = $"User \"{user}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.Group}\" {scope}";
        }

        if (reason.Length > 0)
        {
            message += ": " + reason;
        }

        return Forbidden(request.Group, request.Resource, request.Name, message);
    }

    /// <summary>A 403 <c>Status</c> for a resource (<c>configmaps "x" is forbidden: …</c>).</summary>
    public static ApiException Forbidden(string group, string resource, string name, string why)
    {
        var qualified = resource.Length == 0 ? "" : group.Length == 0 ? resource : $"{resource}.{group}";
        var details = new JsonObject();
        if (name.Length > 0)
        {
            details["name"] = name;
        }

        if (group.Length > 0)
        {
            details["group"] = group;
        }

        if (resource.Length > 0)
        {
            details["kind"] = resource;
        }

        var message = qualified.Length == 0 ? $"forbidden: {why}" : name.Length == 0 ? $"{qualified} is forbidden: {why}" : $"{qualified} \"{name}\" is forbidden: {why}";
        return new ApiException(403, "Forbidden", message, details);
    }

    /// <summary>Completes once every ClusterRole change made so far is reflected in the aggregated roles (a deterministic wait for tests).</summary>
    public Task AggregationSettledAsync(CancellationToken cancellationToken = default) => _aggregation.SettledAsync(cancellationToken);

    /// <summary>Stops the aggregation controller.</summary>
    public ValueTask DisposeAsync() => _aggregation.DisposeAsync();
}

/// <summary>What the <c>Impersonate-*</c> headers of a request ask for.</summary>
/// <param name="User">Impersonate-User, or null.</param>
/// <param name="Groups">Every Impersonate-Group value.</param>
/// <param name="Extra">Impersonate-Extra-&lt;key&gt; values by (unescaped, lower-case) key.</param>
/// <param name="Uid">Impersonate-Uid, or null.</param>
public sealed record ImpersonationRequest(string? User, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra, string? Uid)
{
    /// <summary>The header names for an error message.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        parts.AddRange(Groups.Select(g => $"Impersonate-Group={g}"));
        parts.AddRange(Extra.Select(e => $"Impersonate-Extra-{e.Key}={string.Join(',', e.Value)}"));
        if (Uid is not null)
        {
            parts.Add($"Impersonate-Uid={Uid}");
        }

        return "[" + string.Join(' ', parts) + "]";
    }
}
