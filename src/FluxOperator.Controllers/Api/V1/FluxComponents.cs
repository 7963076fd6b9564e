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
}
