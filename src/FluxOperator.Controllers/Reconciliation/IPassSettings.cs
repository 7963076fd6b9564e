namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The annotations every pass over one of our objects reads the same way.</summary>
public interface IPassSettings
{
    /// <summary>True when the object asks not to be reconciled.</summary>
    bool Disabled { get; }

    /// <summary>Intervals raised to their floor, each reported as a Warning event.</summary>
    IReadOnlyList<string> FloorWarnings { get; }

    /// <summary>The <c>reconcile.fluxcd.io/requestedAt</c> value this pass handles, if any.</summary>
    string? RequestedAt { get; }
}
