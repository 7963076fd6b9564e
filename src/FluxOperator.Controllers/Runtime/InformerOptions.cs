using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Runtime;

/// <summary>What an informer watches and how it recovers.</summary>
public sealed record InformerOptions
{
    /// <summary>Watch one namespace; null watches all (or the cluster-scoped collection).</summary>
    public string? Namespace { get; init; }

    /// <summary>Only objects matching this label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Only objects matching this field selector (e.g. <c>metadata.name=flux</c>).</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size of (re)lists.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Watches are asked to end after a random time in [this, 2 × this), as client-go does, so streams renew.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First reconnect delay after a failed list or watch.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Reconnect delay cap.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect delays are stretched by up to this fraction at random.</summary>
    public double ReconnectJitter { get; init; } = 1.0;
}
