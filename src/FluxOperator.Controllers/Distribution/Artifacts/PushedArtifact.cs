namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>A pushed artifact: manifest digest, layer digest and size.</summary>
public sealed record PushedArtifact(string Digest, string LayerDigest, long LayerSize);
