namespace FluxOperator.Controllers.Api.V1;

/// <summary>Values of <c>spec.cluster.type</c>; only <c>openshift</c> changes the rendered output.</summary>
public static class ClusterTypes
{
    /// <summary><c>kubernetes</c>.</summary>
    public const string Kubernetes = "kubernetes";

    /// <summary><c>openshift</c>.</summary>
    public const string OpenShift = "openshift";

    /// <summary><c>aws</c>.</summary>
    public const string Aws = "aws";

    /// <summary><c>azure</c>.</summary>
    public const string Azure = "azure";

    /// <summary><c>gcp</c>.</summary>
    public const string Gcp = "gcp";

    /// <summary>Every accepted value, in the order the CRD enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Kubernetes, OpenShift, Aws, Azure, Gcp];
}
