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

    public DurationOption Timeout { get; } = new("--timeout", TimeSpan.FromMinutes(1), "Deadline of the whole operation, waits included");

    /// <summary>Adds the flags to a command group; its subcommands inherit them.</summary>
    public void AddTo(Command command)
    {
        Timeout.Option.Recursive = true;
        foreach (var option in new Option[] { Kubeconfig, Context, Namespace, As, AsGroups, Timeout.Option })
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
        KubernetesClientConfiguration config;
        if (path is null && context is null)
        {
            config = KubeConfig.Resolve();
        }
        else
        {
            path ??= Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists)
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, currentContext: context);
        }

        var user = parseResult.GetValue(As);
        var groups = parseResult.GetValue(AsGroups) ?? [];
        var handlers = user is null && groups.Length == 0 ? [] : new DelegatingHandler[] { new ImpersonationHandler(user, groups) };
        var kubernetes = new Kubernetes(config, handlers);
        var explicitNamespace = parseResult.GetValue(Namespace);
        return new ClusterSession(kubernetes, explicitNamespace ?? config.Namespace ?? "default", explicitNamespace is not null, Timeout.Value(parseResult), user);
    }

    /// <summary>Sends the impersonation headers on every request, as kubectl's <c>--as</c> does.</summary>
    private sealed class ImpersonationHandler(string? user, string[] groups) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (user is not null)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-User", user);
            }

            foreach (var group in groups)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-Group", group);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
