namespace FluxOperator.Controllers.Runtime;

/// <summary>What a controller hands a reconciler for one pass.</summary>
/// <param name="Key">The object to reconcile.</param>
/// <param name="Superseded">
/// Fires when a newer event for <paramref name="Key"/> arrived while the pass runs (only on watches built with
/// interruption). The pass may abandon a wait and return; the work queue runs the key again right after.
/// </param>
public readonly record struct ReconcileRequest(ObjectKey Key, CancellationToken Superseded);
