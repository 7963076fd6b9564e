namespace FluxOperator.Controllers.Rendering.Planning;

/// <summary>A container whose image differs between the renders.</summary>
/// <param name="Workload">The workload's subject (<c>Deployment/flux-system/source-controller</c>).</param>
/// <param name="Container">The container name.</param>
/// <param name="From">The image before; null for a new container.</param>
/// <param name="To">The image after; null for a removed container.</param>
public sealed record ImageChange(string Workload, string Container, string? From, string? To);
