using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;

namespace FluxOperator.Commands.Cluster;

/// <summary>One connection to the cluster for one command: the client, the namespace scope and the deadline.</summary>
internal sealed class ClusterSession : IDisposable
{
    private static readonly ResourceType SelfSubjectReviews = new("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", false);
    private readonly Kubernetes _kubernetes;
    private readonly string? _impersonated;

    public ClusterSession(Kubernetes kubernetes, string @namespace, bool namespaceGiven, TimeSpan timeout, string? impersonated)
    {
        _kubernetes = kubernetes;
        Client = new KubeApiClient(kubernetes);
        Namespace = @namespace;
        NamespaceGiven = namespaceGiven;
        Timeout = timeout;
        _impersonated = impersonated;
    }

    public KubeApiClient Client { get; }

    /// <summary><c>-n</c>, else the context's namespace, else <c>default</c>.</summary>
    public string Namespace { get; }

    /// <summary>True when <c>-n</c> was given.</summary>
    public bool NamespaceGiven { get; }

    public TimeSpan Timeout { get; }

    /// <summary>
    /// Where instance commands look: <c>-n</c> when given, else the namespace of the only FluxInstance, else <c>flux-system</c>
    /// (upstream's CLI used the context namespace and timed out looking in <c>default</c>).
    /// </summary>
    public async Task<(string Namespace, string Reason)> InstanceNamespaceAsync(CancellationToken cancellationToken)
    {
        if (NamespaceGiven)
        {
            return (Namespace, "from --namespace");
        }

        try
        {
            var instances = await Client.ListAllAsync(FluxKinds.Instance.Type, null, null, cancellationToken).ConfigureAwait(false);
            var namespaces = instances.Items.Select(i => ObjectMeta.Namespace(i) ?? "").Distinct(StringComparer.Ordinal).ToArray();
            if (namespaces.Length == 1)
            {
                return (namespaces[0], "the namespace of the only FluxInstance");
            }
        }
        catch (KubeApiException e) when (e.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound)
        {
            // A namespace-scoped user cannot list across namespaces: fall back to the conventional namespace.
        }

        return ("flux-system", "the default for FluxInstances");
    }

    /// <summary>Who the API server says we are (what <c>kubectl auth whoami</c> shows), else <c>--kube-as</c>, else <c>$USER</c>.</summary>
    public async Task<string> UserNameAsync(CancellationToken cancellationToken)
    {
        try
        {
            var review = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" };
            var answer = await Client.CreateAsync(SelfSubjectReviews, review, null, cancellationToken).ConfigureAwait(false);
            if (answer["status"]?["userInfo"]?["username"]?.GetValue<string>() is { Length: > 0 } name)
            {
                return name;
            }
        }
        catch (KubeApiException)
        {
            // Older servers lack the review; the local names below are the best left.
        }

        return _impersonated ?? Environment.GetEnvironmentVariable("USER") ?? "unknown";
    }

    public void Dispose() => _kubernetes.Dispose();
}
