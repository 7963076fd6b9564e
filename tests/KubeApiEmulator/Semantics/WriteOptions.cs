namespace KubeApiEmulator.Semantics;

/// <summary>Per-request write settings: who writes, whether it is a dry run, how unknown fields are treated.</summary>
/// <param name="Manager">Field manager recorded in managedFields.</param>
/// <param name="DryRun">True for <c>dryRun=All</c>: validate and answer without storing.</param>
/// <param name="Seeding">True for fixture seeding: keeps a given status and creates a missing namespace.</param>
/// <param name="FieldValidation"><c>Strict</c>, <c>Warn</c> (the default) or <c>Ignore</c> for unknown fields.</param>
public sealed record WriteOptions(string Manager, bool DryRun = false, bool Seeding = false, string FieldValidation = "Warn")
{
    /// <summary>Warnings for the response's <c>Warning</c> headers (unknown fields under <c>Warn</c>).</summary>
    public List<string> Warnings { get; } = [];
}
