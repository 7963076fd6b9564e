namespace KubeApiEmulator;

/// <summary>How an emulated API server starts.</summary>
public sealed class KubeApiServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a freshly generated CA (written into the kubeconfig) instead of plain HTTP.</summary>
    public bool UseTls { get; init; }

    /// <summary>Run the Deployment status simulator.</summary>
    public bool SimulateDeployments { get; init; }

    /// <summary>How many recent changes are kept for watch resumption; older resourceVersions get 410 Expired.</summary>
    public int WatchWindow { get; init; } = 10_000;

    /// <summary>How often an idle watch with <c>allowWatchBookmarks=true</c> gets a BOOKMARK.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where to write the kubeconfig; null writes a temporary file that is deleted on dispose.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Clock for timestamps (creationTimestamp, deletionTimestamp, managedFields time).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Namespaces that exist from the start, like on a fresh cluster.</summary>
    public IReadOnlyList<string> InitialNamespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Authorize every request with RBAC (the default). Off: every request is allowed and any token accepted.</summary>
    public bool Authorization { get; init; } = true;

    /// <summary>Further bearer tokens and the users they authenticate as (the kubeconfig's own token is an administrator).</summary>
    public IReadOnlyDictionary<string, Auth.UserInfo> Tokens { get; init; } = new Dictionary<string, Auth.UserInfo>();
}
