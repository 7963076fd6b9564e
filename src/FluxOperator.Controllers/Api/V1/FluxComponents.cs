using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The Flux controllers a FluxInstance can install (<c>spec.components</c>).</summary>
public static class FluxComponents
{
    /// <summary>source-controller.</summary>
    public const string SourceController = "source-controller";

    /// <summary>kustomize-controller.</summary>
    public const string KustomizeController = "kustomize-controller";

    /// <summary>helm-controller.</summary>
    public const string HelmController = "helm-controller";

    /// <summary>notification-controller.</summary>
    public const string NotificationController = "notification-controller";

    /// <summary>image-reflector-controller.</summary>
    public const string ImageReflectorController = "image-reflector-controller";

    /// <summary>image-automation-controller.</summary>
    public const string ImageAutomationController = "image-automation-controller";

    /// <summary>source-watcher (Flux ≥ 2.7.0).</summary>
    public const string SourceWatcher = "source-watcher";

    /// <summary>Every accepted name, in the order the CRD enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceController, KustomizeController, HelmController, NotificationController,
        ImageReflectorController, ImageAutomationController, SourceWatcher,
    ];

    /// <summary>What an empty <c>spec.components</c> means, in this order.</summary>
    public static IReadOnlyList<string> Default { get; } = [SourceController, KustomizeController, HelmController, NotificationController];

    /// <summary>True for one of the seven component names.</summary>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>The components to install: <paramref name="components"/>, or <see cref="Default"/> when empty.</summary>
    public static IReadOnlyList<string> OrDefault(IReadOnlyList<string>? components) =>
        components is { Count: > 0 } ? components : Default;

    /// <summary>The first minor that ships source-watcher; the Go operator compares the minor only (major assumed 2).</summary>
    public const int SourceWatcherMinor = 7;

    /// <summary>The build's component checks; null when they pass, else the Go operator's message.</summary>
    /// <param name="components">The components, defaults already applied.</param>
    /// <param name="versionName">The selected version directory name (`v2.6.4`).</param>
    public static string? Check(IReadOnlyList<string> components, string versionName)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (!LenientVersion.TryParse(versionName, out var version, out var error))
        {
            return UnknownComponent(components) ?? $"failed to parse Flux version '{versionName}': {error}";
        }

        return Check(components, version.Minor);
    }

    /// <summary>The build's component checks for a release of minor <paramref name="minor"/>; null when they pass.</summary>
    /// <param name="components">The components, defaults already applied.</param>
    /// <param name="minor">The minor number of the selected release.</param>
    public static string? Check(IReadOnlyList<string> components, int minor)
    {
        ArgumentNullException.ThrowIfNull(components);
        return UnknownComponent(components)
            ?? (components.Contains(SourceWatcher, StringComparer.Ordinal) && minor < SourceWatcherMinor
                ? "source-watcher is only supported in Flux versions >= 2.7.0"
                : null);
    }

    private static string? UnknownComponent(IReadOnlyList<string> components)
    {
        if (components.Count == 0)
        {
            return "no components defined";
        }

        return components.FirstOrDefault(c => !IsKnown(c)) is { } unknown ? $"invalid component: {unknown}" : null;
    }
}
