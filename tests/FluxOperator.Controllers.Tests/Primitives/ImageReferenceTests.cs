using FluxOperator.Controllers.Distribution.Catalogue;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Primitives;

public class ImageReferenceTests
{
    private const string Digest = "sha256:00cd9316a3790f3e212132f38c849f87d6e6eeca6272ec9557387be3cec054be";

    [Theory]
    [InlineData("fluxcd/source-controller:v1.5.0@" + Digest, "index.docker.io/fluxcd/source-controller", "v1.5.0", Digest)]
    [InlineData("docker.io/fluxcd/source-controller:v1.5.0", "index.docker.io/fluxcd/source-controller", "v1.5.0", "")]
    [InlineData("nginx", "index.docker.io/library/nginx", "latest", "")]
    [InlineData("ghcr.io/fluxcd/source-controller:v1.3.0", "ghcr.io/fluxcd/source-controller", "v1.3.0", "")]
    [InlineData("registry.example.com/mirror/fluxcd/source-controller:v1.7.4@" + Digest, "registry.example.com/mirror/fluxcd/source-controller", "v1.7.4", Digest)]
    [InlineData("localhost:5000/fluxcd/source-controller", "localhost:5000/fluxcd/source-controller", "latest", "")]
    [InlineData("localhost/flux/sc:v1", "localhost/flux/sc", "v1", "")]
    [InlineData("ghcr.io/fluxcd/source-controller@" + Digest, "ghcr.io/fluxcd/source-controller", "latest", Digest)]
    public void Reference_splits_into_normalised_repository_tag_and_digest(string image, string repository, string tag, string digest)
    {
        Assert.True(ImageReference.TryParse(image, out var reference, out var error), error);

        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
    }

    [Theory]
    [InlineData("ghcr.io/fluxcd/source-controller:v1@sha256:abc")]
    [InlineData("ghcr.io/fluxcd/source-controller:v1@md5:00cd9316a3790f3e212132f38c849f87")]
    [InlineData("ghcr.io/FluxCD/source-controller:v1")]
    [InlineData("ghcr.io/fluxcd/source-controller:bad tag")]
    [InlineData(":v1")]
    public void Malformed_reference_is_refused(string image)
    {
        Assert.False(ImageReference.TryParse(image, out _, out var error));
        Assert.Equal($"could not parse reference: {image}", error);
    }
}
