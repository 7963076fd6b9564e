using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Tests.Distribution.Oci;

public class OciReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string, string, string?, string?> Valid => new()
    {
        { "oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests", "ghcr.io", "controlplaneio-fluxcd/flux-operator-manifests", "latest", null },
        { "oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:v0.30.0", "ghcr.io", "controlplaneio-fluxcd/flux-operator-manifests", "v0.30.0", null },
        { "oci://127.0.0.1:5000/flux-manifests:latest", "127.0.0.1:5000", "flux-manifests", "latest", null },
        { "oci://localhost/flux", "localhost", "flux", "latest", null },
        { "oci://localhost:5000/a/b/c", "localhost:5000", "a/b/c", "latest", null },
        { $"oci://registry.example.com/flux@{Digest}", "registry.example.com", "flux", null, Digest },
        { $"oci://registry.example.com/flux:v1@{Digest}", "registry.example.com", "flux", "v1", Digest },
        { "oci://fluxcd/flux-manifests", "index.docker.io", "fluxcd/flux-manifests", "latest", null },
        { "oci://docker.io/alpine:3", "index.docker.io", "library/alpine", "3", null },
        { "oci://alpine", "index.docker.io", "library/alpine", "latest", null },
        { "ghcr.io/org/repo:tag", "ghcr.io", "org/repo", "tag", null },
        { "oci://[::1]:5000/flux", "[::1]:5000", "flux", "latest", null },
        { "oci://r.io/my_repo/with-dashes.and.dots", "r.io", "my_repo/with-dashes.and.dots", "latest", null },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_references_parse_into_registry_repository_tag_and_digest(string value, string registry, string repository, string? tag, string? digest)
    {
        var reference = OciReference.Parse(value);

        Assert.Equal((registry, repository, tag, digest), (reference.Registry, reference.Repository, reference.Tag, reference.Digest));
        Assert.Equal(digest ?? tag, reference.ManifestReference);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("https://ghcr.io/org/repo", "scheme")]
    [InlineData("oci://ghcr.io/Org/Repo", "repository")]
    [InlineData("oci://ghcr.io/org/repo:-bad", "tag")]
    [InlineData("oci://ghcr.io/org/repo@sha256:abc", "digest")]
    [InlineData("oci://ghcr.io/org//repo", "repository")]
    [InlineData("oci://ghcr.io/", "repository")]
    [InlineData("oci://bad_host.io:x/repo", "registry")]
    public void Invalid_references_name_the_bad_part(string value, string part)
    {
        var error = Assert.Throws<FormatException>(() => OciReference.Parse(value));

        Assert.Contains(part, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatting_round_trips_through_parse()
    {
        var reference = OciReference.Parse($"oci://127.0.0.1:5000/flux/manifests:v1@{Digest}");

        Assert.Equal($"oci://127.0.0.1:5000/flux/manifests:v1@{Digest}", reference.ToUrl());
        Assert.Equal(reference, OciReference.Parse(reference.ToUrl()));
    }

    [Fact]
    public void Docker_hub_api_lives_on_registry_1()
    {
        Assert.Equal("registry-1.docker.io", OciReference.Parse("oci://fluxcd/x").ApiHost);
        Assert.Equal("ghcr.io", OciReference.Parse("oci://ghcr.io/fluxcd/x").ApiHost);
    }

    [Fact]
    public void Pinning_a_digest_keeps_the_tag_for_display()
    {
        var pinned = OciReference.Parse("oci://ghcr.io/org/repo:latest").WithDigest(Digest);

        Assert.Equal(Digest, pinned.ManifestReference);
        Assert.Equal("latest", pinned.Tag);
    }
}
