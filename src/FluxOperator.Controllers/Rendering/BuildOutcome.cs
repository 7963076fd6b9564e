namespace FluxOperator.Controllers.Rendering;

/// <summary>A successful build plus what the reconciler reports next to it.</summary>
/// <param name="Result">Objects, component images and revision.</param>
/// <param name="LatestVersion">The newest allowed <c>2.x</c> release, for the <c>OutdatedVersion</c> notice.</param>
/// <param name="Notices">Non-fatal findings worth a log line (e.g. images taken from the manifests, without digests).</param>
public sealed record BuildOutcome(RenderResult Result, string LatestVersion, IReadOnlyList<string> Notices);
