using k8s;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>Finds the client configuration the way the operator must: <c>KUBECONFIG</c>, then in-cluster, then <c>~/.kube/config</c>.</summary>
public static class KubeConfig
{
    /// <summary>Resolves the configuration from the process environment.</summary>
    /// <exception cref="k8s.Exceptions.KubeConfigException">No configuration source is usable.</exception>
    public static KubernetesClientConfiguration Resolve() =>
        Resolve(Environment.GetEnvironmentVariable("KUBECONFIG"), KubernetesClientConfiguration.IsInCluster(), DefaultPath());

    /// <summary>Resolves the configuration from explicit inputs (first match wins).</summary>
    public static KubernetesClientConfiguration Resolve(string? kubeconfigVariable, bool inCluster, string? homeConfigPath)
    {
        if (!string.IsNullOrWhiteSpace(kubeconfigVariable))
        {
            // KUBECONFIG may list several files; like kubectl, the first existing one is used.
            var first = kubeconfigVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(File.Exists) ?? kubeconfigVariable;
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(first);
        }

        if (inCluster)
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        if (homeConfigPath is not null && File.Exists(homeConfigPath))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(homeConfigPath);
        }

        throw new k8s.Exceptions.KubeConfigException(
            "no Kubernetes configuration: set KUBECONFIG, run in a cluster, or create ~/.kube/config");
    }

    private static string? DefaultPath()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".kube", "config");
    }
}
