using System.Net;
using System.Text.Json.Nodes;
using k8s;
using KubeApiEmulator.Auth;
using KubeApiEmulator.Http;
using KubeApiEmulator.Json;
using KubeApiEmulator.Semantics;
using KubeApiEmulator.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeApiEmulator;

/// <summary>
/// An emulated Kubernetes API server on 127.0.0.1 for tests: start it, point KubernetesClient or kubectl at
/// <see cref="KubeconfigPath"/>, seed and inspect state directly, turn knobs, dispose.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly bool _ownsKubeconfig;
    private readonly TlsCertificates? _tls;

    private KubeApiServer(WebApplication app, ClusterState state, ApiHandler handler, CancellationTokenSource stopping, string url, string kubeconfig,
        bool ownsKubeconfig, TlsCertificates? tls)
    {
        _tls = tls;
        _app = app;
        State = state;
        Requests = handler.Log;
        Faults = handler.Faults;
        Access = handler.Access;
        _stopping = stopping;
        Url = url;
        KubeconfigPath = kubeconfig;
        _ownsKubeconfig = ownsKubeconfig;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>A kubeconfig file whose current context points at this server.</summary>
    public string KubeconfigPath { get; }

    /// <summary>The CA certificate (PEM) clients must trust when <see cref="KubeApiServerOptions.UseTls"/> is on; else null.</summary>
    public string? CertificateAuthorityPem => _tls?.AuthorityPem;

    /// <summary>Every request answered so far.</summary>
    public RequestLog Requests { get; }

    /// <summary>Failure and latency injection.</summary>
    public FaultKnobs Faults { get; }

    /// <summary>Authentication and RBAC: add tokens for further users, inspect the policy.</summary>
    public ClusterAccess Access { get; }

    /// <summary>The cluster state behind the HTTP surface (for direct reads and writes).</summary>
    public ClusterState State { get; }

    /// <summary>The newest resourceVersion.</summary>
    public long ResourceVersion => State.Revision;

    /// <summary>Starts a server on a free port (or <see cref="KubeApiServerOptions.Port"/>).</summary>
    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeApiServerOptions();
        var state = new ClusterState(options);
        var stopping = new CancellationTokenSource();
        var access = new ClusterAccess(state, options);
        var handler = new ApiHandler(state, options, new RequestLog(), new FaultKnobs(), stopping.Token) { Access = access };
        var tls = options.UseTls ? TlsCertificates.Create() : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (tls is not null)
                {
                    listen.UseHttps(tls.Server);
                }
            });
            k.AllowSynchronousIO = false;
        });
        if (tls is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        handler.ServerAddress = new Uri(url).Authority;
        var path = options.KubeconfigPath ?? Path.Combine(Path.GetTempPath(), $"kubeapi-emulator-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(path, Kubeconfig(url, tls, ClusterAccess.AdminToken), cancellationToken);
        return new KubeApiServer(app, state, handler, stopping, url, path, options.KubeconfigPath is null, tls);
    }

    /// <summary>Client configuration read from the kubeconfig, as the operator would read it.</summary>
    public KubernetesClientConfiguration ClientConfiguration() => KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);

    /// <summary>A KubernetesClient talking to this server over HTTP.</summary>
    public Kubernetes CreateClient() => new(ClientConfiguration());

    /// <summary>
    /// Writes a kubeconfig that authenticates as <paramref name="user"/> with a fresh bearer token (to <paramref name="path"/>, else a
    /// temporary file the caller deletes); the e2e tests run the operator as its service account this way.
    /// </summary>
    public string WriteKubeconfig(UserInfo user, string? path = null)
    {
        path ??= Path.Combine(Path.GetTempPath(), $"kubeapi-emulator-{Guid.NewGuid():N}.kubeconfig");
        var config = Kubeconfig(Url, _tls, Access.AddToken(user));
        if (_tls is null)
        {
            // kubectl sends no token over plain HTTP (it would act as the administrator): it impersonates the user instead.
            var groups = string.Concat(user.Groups.Where(g => g != UserInfo.AuthenticatedGroup).Select(g => $"\n      - \"{g}\""));
            config = config.Replace("    token: ", $"    as: \"{user.Name}\"\n    as-groups:{(groups.Length == 0 ? " []" : groups)}\n    token: ", StringComparison.Ordinal);
        }

        File.WriteAllText(path, config);
        return path;
    }

    /// <summary>A KubernetesClient that authenticates as <paramref name="user"/>.</summary>
    public Kubernetes CreateClient(UserInfo user)
    {
        var config = ClientConfiguration();
        config.AccessToken = Access.AddToken(user);
        return new Kubernetes(config);
    }

    /// <summary>The Deployment simulator's knobs.</summary>
    public DeploymentSimulator Deployments => State.Deployments;

    /// <summary>Keeps a Deployment unready (or failed, or healthy again), now and after later writes.</summary>
    public void SetDeploymentMode(string ns, string name, DeploymentMode mode) => State.SetDeploymentMode(ns, name, mode);

    /// <summary>Creates objects as an administrator would (status kept, missing namespaces created); returns the stored objects.</summary>
    public IReadOnlyList<JsonObject> Seed(params JsonObject[] objects) => objects.Select(SeedOne).ToArray();

    /// <summary>Creates every document of a YAML stream (see <see cref="Seed(JsonObject[])"/>).</summary>
    public IReadOnlyList<JsonObject> SeedYaml(string yaml) => Seed(YamlJson.ParseAll(yaml).OfType<JsonObject>().ToArray());

    /// <summary>Reads an object directly (null when missing).</summary>
    public JsonObject? Get(string apiVersion, string kind, string? ns, string name) =>
        State.Find(TypeOf(apiVersion, kind), ns, name)?.ToNode() is { } node ? WithApiVersion(node, apiVersion) : null;

    /// <summary>Lists objects directly, optionally in one namespace.</summary>
    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null)
    {
        var type = TypeOf(apiVersion, kind);
        return State.List(type, ns, Selection.LabelSelector.Everything, Selection.FieldSelector.Parse(null), null, null)
            .Items.Select(o => WithApiVersion(o.ToNode(), apiVersion)).ToArray();
    }

    /// <summary>Server-side applies an object directly (as <paramref name="manager"/>, forced by default); returns the stored object.</summary>
    public JsonObject Apply(JsonObject obj, string manager = "test", bool force = true)
    {
        var (type, ns, name) = Identify(obj);
        return State.Apply(type, ns, name, JsonBytes.From(obj), new WriteOptions(manager), force, status: false).Object;
    }

    /// <summary>Replaces an object's <c>.status</c> directly through the status subresource (merge patch semantics for the whole status).</summary>
    public JsonObject SetStatus(string apiVersion, string kind, string? ns, string name, JsonObject status, string manager = "test")
    {
        var type = TypeOf(apiVersion, kind);
        var patch = new JsonObject { ["status"] = status.DeepClone() };
        if (!type.HasStatus)
        {
            return State.Patch(type, ns, name, "application/merge-patch+json", JsonBytes.From(patch), new WriteOptions(manager), status: false);
        }

        return State.Patch(type, ns, name, "application/merge-patch+json", JsonBytes.From(patch), new WriteOptions(manager), status: true);
    }

    /// <summary>Deletes an object directly (background propagation); finalizers are honoured as for any client.</summary>
    public void Delete(string apiVersion, string kind, string? ns, string name) =>
        State.Delete(TypeOf(apiVersion, kind), ns, name, new Semantics.DeleteOptions());

    /// <summary>Ends every open watch (clients see the stream close and must re-watch).</summary>
    public void CloseWatches() => State.CloseWatches();

    /// <summary>Drops watch history: resuming an older resourceVersion or continue token gets 410 Expired.</summary>
    public void Compact() => State.Compact();

    /// <summary>Stops the server and removes the temporary kubeconfig.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Access.DisposeAsync();
        State.CloseWatches();
        // Requests still running after half a second (a client holding a stream open) are aborted, so stopping is prompt.
        using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
        _tls?.Dispose();
        if (_ownsKubeconfig)
        {
            File.Delete(KubeconfigPath);
        }
    }

    private JsonObject SeedOne(JsonObject obj)
    {
        var (type, ns, _) = Identify(obj);
        return State.Create(type, ns, obj, new WriteOptions("seed", Seeding: true));
    }

    private (Resources.ResourceType Type, string? Namespace, string Name) Identify(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.ToString() ?? throw new ArgumentException("the object needs apiVersion");
        var type = TypeOf(apiVersion, obj["kind"]?.ToString() ?? throw new ArgumentException("the object needs kind"));
        var ns = type.Namespaced ? obj["metadata"]?["namespace"]?.ToString() ?? "default" : null;
        return (type, ns, obj["metadata"]?["name"]?.ToString() ?? "");
    }

    private Resources.ResourceType TypeOf(string apiVersion, string kind) =>
        State.Catalog.FindByKind(apiVersion, kind) ?? throw new ArgumentException($"{apiVersion} {kind} is not served");

    private static JsonObject WithApiVersion(JsonObject node, string apiVersion)
    {
        node["apiVersion"] = apiVersion;
        return node;
    }

    private static string Kubeconfig(string url, TlsCertificates? tls, string token) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: emulator
          cluster:
            server: {{url}}{{(tls is null ? "" : "\n    certificate-authority-data: " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(tls.AuthorityPem)))}}
        users:
        - name: emulator
          user:
            token: {{token}}
        contexts:
        - name: emulator
          context:
            cluster: emulator
            user: emulator
            namespace: default
        current-context: emulator
        preferences: {}

        """;
}
