using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Tests.Distribution.Oci;

public class AuthChallengeTests
{
    [Fact]
    public void Bearer_challenge_yields_realm_service_and_scope_with_commas()
    {
        var challenge = Assert.Single(AuthChallenge.Parse("Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:org/repo:pull,push\""));

        Assert.True(challenge.IsBearer);
        Assert.Equal("https://ghcr.io/token", challenge["realm"]);
        Assert.Equal("ghcr.io", challenge["SERVICE"]);
        Assert.Equal("repository:org/repo:pull,push", challenge["scope"]);
    }

    [Fact]
    public void Basic_challenge_with_spaces_and_unquoted_values()
    {
        var challenge = Assert.Single(AuthChallenge.Parse("Basic   realm=registry , charset=UTF-8"));

        Assert.True(challenge.IsBasic);
        Assert.Equal("registry", challenge["realm"]);
        Assert.Equal("UTF-8", challenge["charset"]);
    }

    [Fact]
    public void Several_challenges_in_one_header_are_split()
    {
        var challenges = AuthChallenge.Parse("Basic realm=\"a\", Bearer realm=\"https://t/x\",service=\"s\"");

        Assert.Equal(["Basic", "Bearer"], challenges.Select(c => c.Scheme));
        Assert.Equal("s", challenges[1]["service"]);
    }

    [Fact]
    public void Escaped_quotes_inside_values_are_unescaped()
    {
        var challenge = Assert.Single(AuthChallenge.Parse("Bearer realm=\"say \\\"hi\\\"\""));

        Assert.Equal("say \"hi\"", challenge["realm"]);
    }

    [Fact]
    public void Missing_parameter_is_null()
    {
        Assert.Null(Assert.Single(AuthChallenge.Parse("Bearer realm=\"x\""))["scope"]);
        Assert.Empty(AuthChallenge.Parse(""));
    }
}
