namespace FluxOperator.Controllers.Api.V1;

/// <summary>Values of <c>spec.cluster.size</c> (vertical scaling profiles).</summary>
public static class ClusterSizes
{
    /// <summary><c>small</c>.</summary>
    public const string Small = "small";

    /// <summary><c>medium</c>.</summary>
    public const string Medium = "medium";

    /// <summary><c>large</c>.</summary>
    public const string Large = "large";

    /// <summary>Every accepted value, in the order the CRD enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Small, Medium, Large];
}
