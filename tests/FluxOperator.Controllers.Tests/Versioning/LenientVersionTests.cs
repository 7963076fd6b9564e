using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Tests.Versioning;

public class LenientVersionTests
{
    [Theory]
    [InlineData("v2.9.4", "2.9.4")]
    [InlineData("2.9.4", "2.9.4")]
    [InlineData("v2.9", "2.9.0")]
    [InlineData("v2", "2.0.0")]
    [InlineData("v02.08.0", "2.8.0")]
    [InlineData("2.9.1+build.1", "2.9.1+build.1")]
    [InlineData("v2.10.0-rc.1", "2.10.0-rc.1")]
    [InlineData("1.0.0-0.3.7", "1.0.0-0.3.7")]
    [InlineData("1.0.0-x-y.z--", "1.0.0-x-y.z--")]
    public void Directory_names_parse_leniently(string name, string expected)
    {
        Assert.True(LenientVersion.TryParse(name, out var version));
        Assert.Equal(expected, version.ToFullString());
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("V2.9.2")]
    [InlineData("")]
    [InlineData("v")]
    [InlineData("2.9.4.1")]
    [InlineData("2.9.4-")]
    [InlineData("2.9.4-rc..1")]
    [InlineData("2.9.4-01")]
    [InlineData("2.9.4+")]
    [InlineData("2.9.4\n")]
    [InlineData(" 2.9.4")]
    [InlineData("99999999999.0.0")]
    public void Other_names_are_not_versions(string name)
    {
        Assert.False(LenientVersion.TryParse(name, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Parse_failure_names_the_text()
    {
        var thrown = Assert.Throws<FormatException>(() => LenientVersion.Parse("latest"));
        Assert.Equal("version 'latest' parse error: invalid semantic version", thrown.Message);
    }
}
