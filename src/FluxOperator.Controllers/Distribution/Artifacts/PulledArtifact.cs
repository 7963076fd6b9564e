using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>An artifact extracted into a folder: its manifest digest, the manifest and where it is.</summary>
public sealed record PulledArtifact(string Digest, OciManifest Manifest, string Directory, ExtractionSummary Summary);
