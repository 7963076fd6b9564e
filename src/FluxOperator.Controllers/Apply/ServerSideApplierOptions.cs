namespace FluxOperator.Controllers.Apply;

/// <summary>How <see cref="ServerSideApplier"/> applies.</summary>
public sealed record ServerSideApplierOptions
{
    /// <summary>The field manager of every write.</summary>
    public string FieldManager { get; init; } = "flux-operator";

    /// <summary>Extra managers to take ownership from (<c>--override-manager</c>).</summary>
    public IReadOnlyList<string> OverrideManagers { get; init; } = [];

    /// <summary>How many objects of a stage are read and dry-run at once (writes stay sequential, in order).</summary>
    public int EvaluationConcurrency { get; init; } = 4;

    /// <summary>Poll interval of the wait after the definitions and classes stages.</summary>
    public TimeSpan StageWaitInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the definitions and classes stages may take to become Current.</summary>
    public TimeSpan StageWaitTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Delete and re-create any object whose apply changes an immutable field (otherwise the apply fails).</summary>
    public bool RecreateOnImmutableChange { get; init; }

    /// <summary>Label or annotation key that, set to <c>enabled</c> (any case) on the desired or live object, opts it into recreation.</summary>
    public string? RecreateMarker { get; init; }
}
