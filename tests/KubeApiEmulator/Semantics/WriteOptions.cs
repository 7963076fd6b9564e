namespace KubeApiEmulator.Semantics;

/// <summary>Per-request write settings: who writes, whether it is a dry run.</summary>
/// <param name="Manager">Field manager recorded in managedFields.</param>
/// <param name="DryRun">True for <c>dryRun=All</c>: validate and answer without storing.</param>
/// <param name="Seeding">True for fixture seeding: keeps a given status and creates a missing namespace.</param>
public sealed record WriteOptions(string Manager, bool DryRun = false, bool Seeding = false);
