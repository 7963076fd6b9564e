namespace FluxOperator.Controllers.Rendering;

/// <summary>The Flux component names the renderer knows and which of them shards.</summary>
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

    /// <summary>source-watcher (Flux ≥ 2.7).</summary>
    public const string SourceWatcher = "source-watcher";

    /// <summary>Every component the API admits, in the CRD's enum order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceController, KustomizeController, HelmController, NotificationController,
        ImageReflectorController, ImageAutomationController, SourceWatcher,
    ];

    /// <summary>The components installed when <c>spec.components</c> is empty, in this order.</summary>
    public static IReadOnlyList<string> Default { get; } =
        [SourceController, KustomizeController, HelmController, NotificationController];

    /// <summary>Components that get shard copies; source-watcher joins them from minor 9 (§5.6).</summary>
    public static bool IsShardable(string component, int minor) => component switch
    {
        SourceController or KustomizeController or HelmController or ImageReflectorController or ImageAutomationController => true,
        SourceWatcher => minor >= 9,
        _ => false,
    };
}
