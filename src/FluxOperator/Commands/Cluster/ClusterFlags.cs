using System.CommandLine;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// The connection flags every cluster command takes, spelled as upstream's CLI spells them (and kubectl's
/// <c>--as</c>/<c>--as-group</c> under the <c>--kube-</c> prefix). One construction of the Kubernetes client for all of them.
/// </summary>
internal sealed class ClusterFlags
{
    /// <summary>The client identity written as field manager.</summary>
    public const string FieldManager = "flux-operator-ctl";

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).", Recursive = true };

    public Option<string?> Context { get; } = new("--kube-context") { Description = "The kubeconfig context to use (default: its current context).", Recursive = true };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "Namespace scope (default: the context's namespace, else default; instance commands: the FluxInstance's).", Recursive = true };

    public Option<string?> As { get; } = new("--kube-as") { Description = "User to impersonate (or system:serviceaccount:<namespace>:<name>).", Recursive = true };

    public Option<string[]> AsGroups { get; } = new("--kube-as-group") { Description = "Group to impersonate; repeatable.", Recursive = true };

    public Option<string?> AsUid { get; } = new("--kube-as-uid") { Description = "UID to impersonate.", Recursive = true };

    public Option<string?> Token { get; } = new("--kube-token") { Description = "Bearer token for the API server (replaces the kubeconfig's credentials).", Recursive = true };

    public Option<string?> Server { get; } = new("--kube-server") { Description = "The API server's address (replaces the kubeconfig's).", Recursive = true };

    public Option<string?> TlsServerName { get; } = new("--kube-tls-server-name") { Description = "Server name to verify the API server's certificate against.", Recursive = true };

    public Option<string?> ClientCertificate { get; } = new("--kube-client-certificate") { Description = "Path to a client certificate file for TLS.", Recursive = true };

    public Option<string?> ClientKey { get; } = new("--kube-client-key") { Description = "Path to the client certificate's key file.", Recursive = true };

    public Option<string?> CertificateAuthority { get; } = new("--kube-certificate-authority") { Description = "Path to a certificate authority file that signs the API server's certificate.", Recursive = true };

    public Option<bool> InsecureSkipTlsVerify { get; } = new("--kube-insecure-skip-tls-verify") { Description = "Do not verify the API server's certificate; insecure (default false).", Recursive = true };

    public DurationOption Timeout { get; } = new("--timeout", TimeSpan.FromMinutes(1), "Deadline of the whole operation, waits included");

    /// <summary>Adds the flags to a command group; its subcommands inherit them.</summary>
    public void AddTo(Command command)
    {
        Timeout.Option.Recursive = true;
        foreach (var option in new Option[]
                 {
                     Kubeconfig, Context, Namespace, As, AsGroups, AsUid, Token, Server, TlsServerName, ClientCertificate, ClientKey,
                     CertificateAuthority, InsecureSkipTlsVerify, Timeout.Option,
                 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Connects as the flags say.</summary>
    /// <exception cref="k8s.Exceptions.KubeConfigException">No usable configuration.</exception>
    public ClusterSession Connect(ParseResult parseResult)
    {
        var path = parseResult.GetValue(Kubeconfig);
        var context = parseResult.GetValue(Context);
        var server = parseResult.GetValue(Server);
        KubernetesClientConfiguration config;
        if (path is null && context is null)
        {
            try
            {
                config = KubeConfig.Resolve();
            }
            catch (k8s.Exceptions.KubeConfigException) when (server is not null)
            {
                config = new KubernetesClientConfiguration { Host = server }; // flags alone describe the connection
            }
        }
        else
        {
            path ??= Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists)
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, currentContext: context);
        }

        ApplyConnectionFlags(parseResult, config);
        var user = parseResult.GetValue(As);
        var groups = parseResult.GetValue(AsGroups) ?? [];
        var uid = parseResult.GetValue(AsUid);
        var handlers = user is null && groups.Length == 0 && uid is null ? [] : new DelegatingHandler[] { new ImpersonationHandler(user, groups, uid) };
        var kubernetes = new Kubernetes(config, handlers);
        var explicitNamespace = parseResult.GetValue(Namespace);
        return new ClusterSession(kubernetes, explicitNamespace ?? config.Namespace ?? "default", explicitNamespace is not null, Timeout.Value(parseResult), user);
    }

    /// <summary>The flags that override the kubeconfig: server, token, TLS files and checks, as kubectl's <c>--server</c>, <c>--token</c>, ….</summary>
    private void ApplyConnectionFlags(ParseResult parseResult, KubernetesClientConfiguration config)
    {
        if (parseResult.GetValue(Server) is { } server)
        {
            config.Host = server;
        }

        if (parseResult.GetValue(Token) is { } token)
        {
            // A token replaces every other credential of the context, as with kubectl --token.
            config.AccessToken = token;
            config.TokenProvider = null;
            config.Username = null;
            config.Password = null;
            config.ClientCertificateData = null;
            config.ClientCertificateKeyData = null;
            config.ClientCertificateFilePath = null;
            config.ClientKeyFilePath = null;
        }

        if (parseResult.GetValue(ClientCertificate) is { } certificate)
        {
            config.ClientCertificateData = null;
            config.ClientCertificateFilePath = certificate;
        }

        if (parseResult.GetValue(ClientKey) is { } key)
        {
            config.ClientCertificateKeyData = null;
            config.ClientKeyFilePath = key;
        }

        if (parseResult.GetValue(CertificateAuthority) is { } authority)
        {
            var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            certificates.ImportFromPemFile(authority);
            config.SslCaCerts = certificates;
        }

        if (parseResult.GetValue(TlsServerName) is { } serverName)
        {
            config.TlsServerName = serverName;
        }

        if (parseResult.GetValue(InsecureSkipTlsVerify))
        {
            config.SkipTlsVerify = true;
        }
    }

    /// <summary>Sends the impersonation headers on every request, as kubectl's <c>--as</c> does.</summary>
    private sealed class ImpersonationHandler(string? user, string[] groups, string? uid) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (user is not null)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-User", user);
            }

            if (uid is not null)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-Uid", uid);
            }

            foreach (var group in groups)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-Group", group);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
