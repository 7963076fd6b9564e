namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>One entry of `flux-images/&lt;version&gt;/&lt;variant&gt;.yaml` (a kustomize `images` item).</summary>
/// <param name="Name">The upstream image name (`ghcr.io/fluxcd/source-controller`); only its last segment is used.</param>
/// <param name="NewTag">The tag.</param>
/// <param name="Digest">The digest (`sha256:…`), possibly empty.</param>
public sealed record ImageListEntry(string Name, string NewTag, string Digest)
{
    /// <summary>The component this entry is for: the text after the last `/` of <see cref="Name"/>.</summary>
    public string Component => Name[(Name.LastIndexOf('/') + 1)..];
}
