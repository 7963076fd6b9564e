using System.Text;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Tests.Distribution.Oci;

public class DockerConfigTests
{
    private static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public void Auths_entry_with_auth_field_decodes_username_and_password_with_colons()
    {
        var credentials = DockerConfig.Parse(Encoding.UTF8.GetBytes("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + Auth("bot", "p:a:ss") + "\"}}}"));

        Assert.Equal(new RegistryCredential("bot", "p:a:ss"), credentials.Find("ghcr.io"));
    }

    [Fact]
    public void Auths_entry_with_username_and_password_fields()
    {
        var credentials = DockerConfig.Parse("""{"auths":{"https://registry.example.com":{"username":"u","password":"p"}}}"""u8);

        Assert.Equal(new RegistryCredential("u", "p"), credentials.Find("registry.example.com"));
    }

    [Fact]
    public void Legacy_dockercfg_map_without_auths_is_read()
    {
        var credentials = DockerConfig.Parse(Encoding.UTF8.GetBytes("{\"quay.io\":{\"auth\":\"" + Auth("q", "w") + "\",\"email\":\"x@y\"}}"));

        Assert.Equal("q", credentials.Find("quay.io")?.Username);
    }

    [Fact]
    public void Identity_token_is_kept_for_the_oauth_exchange()
    {
        var credentials = DockerConfig.Parse("""{"auths":{"myacr.azurecr.io":{"username":"00000000-0000-0000-0000-000000000000","identitytoken":"refresh"}}}"""u8);

        Assert.Equal("refresh", credentials.Find("myacr.azurecr.io")?.IdentityToken);
    }

    [Theory]
    [InlineData("""{"auths":{"r.io":{"auth":"not base64!"}}}""", "base64")]
    [InlineData("""{"auths":{"r.io":{"auth":"bm9jb2xvbg=="}}}""", "username:password")]
    [InlineData("""[1]""", "object")]
    [InlineData("""{"auths": }""", "JSON")]
    public void Malformed_config_is_rejected_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => DockerConfig.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, bool> Matching => new()
    {
        { "https://index.docker.io/v1/", "index.docker.io", "library/alpine", true },
        { "docker.io", "index.docker.io", "fluxcd/flux", true },
        { "*.example.com", "r.example.com", "x", true },
        { "*.example.com", "a.b.example.com", "x", false },
        { "example.com:5000", "example.com:5000", "x", true },
        { "example.com:5000", "example.com", "x", false },
        { "example.com", "example.com:5000", "x", false },
        { "example.com/team", "example.com", "team/app", true },
        { "example.com/team", "example.com", "other/app", false },
        { "EXAMPLE.com", "example.com", "x", true },
    };

    [Theory]
    [MemberData(nameof(Matching))]
    public void Lookup_matches_hosts_like_the_kubelet(string key, string registry, string repository, bool matches)
    {
        var credentials = new RegistryCredentials([new(key, new RegistryCredential("u", "p"))]);

        Assert.Equal(matches, credentials.Find(registry, repository) is not null);
    }

    [Fact]
    public void Most_specific_key_wins()
    {
        var credentials = new RegistryCredentials(
        [
            new("*.example.com", new RegistryCredential("glob", "")),
            new("r.example.com", new RegistryCredential("host", "")),
            new("r.example.com/team", new RegistryCredential("path", "")),
        ]);

        Assert.Equal("path", credentials.Find("r.example.com", "team/app")?.Username);
        Assert.Equal("host", credentials.Find("r.example.com", "other")?.Username);
        Assert.Equal("glob", credentials.Find("s.example.com", "other")?.Username);
    }

    [Fact]
    public void Credential_text_hides_the_password() =>
        Assert.DoesNotContain("hunter2", new RegistryCredential("u", "hunter2").ToString(), StringComparison.Ordinal);
}
