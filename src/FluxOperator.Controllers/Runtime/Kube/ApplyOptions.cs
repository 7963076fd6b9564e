namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>How a server-side apply is sent.</summary>
/// <param name="FieldManager">The field manager that owns the applied fields.</param>
/// <param name="Force">Take ownership of fields other managers own instead of failing with 409.</param>
/// <param name="DryRun">Let the server compute the result without storing it.</param>
public sealed record ApplyOptions(string FieldManager, bool Force = true, bool DryRun = false);
