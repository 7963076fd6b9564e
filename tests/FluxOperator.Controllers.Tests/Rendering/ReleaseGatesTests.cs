using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Tests.Rendering;

public class ReleaseGatesTests
{
    [Theory]
    //          version          minor below26 below27 atLeast26 atLeast29 tokenIndex
    [InlineData("v2.5.1", 5, true, true, false, false, 10)]
    [InlineData("v2.6.0", 6, false, true, true, false, 10)]
    [InlineData("v2.7.5", 7, false, false, true, false, 11)]
    [InlineData("v2.9", 9, false, false, true, true, 11)]
    [InlineData("2.9.1+build.1", 9, false, false, true, true, 11)]
    [InlineData("v2.10.0-rc.1", 10, false, false, false, false, 11)]
    public void Minor_and_semver_gates_follow_the_release(string version, int minor, bool below26, bool below27, bool atLeast26, bool atLeast29, int tokenIndex)
    {
        var gates = ReleaseGates.FromVersion(version);

        Assert.Equal(minor, gates.Minor);
        Assert.Equal(below26, gates.Below26);
        Assert.Equal(below27, gates.Below27);
        Assert.Equal(atLeast26, gates.AtLeast26);
        Assert.Equal(atLeast29, gates.AtLeast29);
        Assert.Equal(tokenIndex, gates.TokenRuleIndex);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v2..1")]
    [InlineData("")]
    public void Names_that_are_not_versions_are_rejected(string version) =>
        Assert.Throws<FormatException>(() => ReleaseGates.FromVersion(version));
}
