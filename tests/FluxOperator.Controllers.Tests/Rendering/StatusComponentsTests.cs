using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Tests.Rendering;

public class StatusComponentsTests
{
    private const string Digest = "sha256:8a8ed0a57b8b86f561d5a4309a69f65e62f0cebe4de8801593c5ff35a3bc3c23";

    [Theory]
    [InlineData("ghcr.io/fluxcd/source-controller:v1.9.4@" + Digest, "ghcr.io/fluxcd/source-controller", "v1.9.4", Digest)]
    [InlineData("fluxcd/source-controller:v1.5.0@" + Digest, "index.docker.io/fluxcd/source-controller", "v1.5.0", Digest)]
    [InlineData("docker.io/fluxcd/source-controller:v1", "index.docker.io/fluxcd/source-controller", "v1", "")]
    [InlineData("docker.io/nginx", "index.docker.io/library/nginx", "latest", "")]
    [InlineData("nginx:1.27", "index.docker.io/library/nginx", "1.27", "")]
    [InlineData("localhost/x/y:t", "localhost/x/y", "t", "")]
    [InlineData("127.0.0.1:5000/mirror/source-controller", "127.0.0.1:5000/mirror/source-controller", "latest", "")]
    [InlineData("registry.example.com:5000/a/b:v2@" + Digest, "registry.example.com:5000/a/b", "v2", Digest)]
    public void Images_split_into_normalised_repository_tag_and_digest(string image, string repository, string tag, string digest)
    {
        var parsed = StatusComponents.Parse("c", image);
        Assert.Equal(("c", repository, tag, digest), (parsed.Name, parsed.Repository, parsed.Tag, parsed.Digest ?? string.Empty));
    }

    [Theory]
    [InlineData("ghcr.io/fluxcd/source-controller:v1@sha256:abc")]
    [InlineData("ghcr.io/fluxcd/source-controller:v1@md5:8a8ed0a57b8b86f561d5a4309a69f65e62f0cebe4de8801593c5ff35a3bc3c23")]
    public void Malformed_digests_fail_the_extraction(string image)
    {
        var error = Assert.Throws<RenderException>(() => StatusComponents.Parse("c", image));
        Assert.StartsWith("extract component images failed: ", error.Message, StringComparison.Ordinal);
    }
}
