using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>Query options of a list or watch request.</summary>
public sealed record ListOptions
{
    /// <summary>Label selector, e.g. <c>app.kubernetes.io/part-of=flux</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector, e.g. <c>metadata.name=flux</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size of a list; null lists everything at once.</summary>
    public int? Limit { get; init; }

    /// <summary>Continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>For a watch: the resourceVersion to resume after. For a list: the minimum freshness.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>For a watch: ask for BOOKMARK events carrying the newest resourceVersion while idle.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>For a watch: the server closes the stream after this long.</summary>
    public TimeSpan? Timeout { get; init; }
}
