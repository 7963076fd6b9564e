namespace FluxOperator.Controllers.Apply.Health;

/// <summary>One object's kstatus verdict with its explanation.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="Message">Why, in kstatus words (e.g. <c>Ready: 0/1</c>).</param>
public sealed record ObjectHealth(HealthStatus Status, string Message);
