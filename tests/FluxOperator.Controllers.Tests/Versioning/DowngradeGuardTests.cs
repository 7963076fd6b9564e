using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Tests.Versioning;

public class DowngradeGuardTests
{
    private const string Digest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("v2.9.4" + Digest, "v2.8.8", "downgrading from v2.9.4 to v2.8.8 is not supported, reinstall needed")]
    [InlineData("v2.9.4" + Digest, "v3.0.0", "downgrading from v2.9.4 to v3.0.0 is not supported, reinstall needed")]
    [InlineData("v3.1.0" + Digest, "v2.9.0", "downgrading from v3.1.0 to v2.9.0 is not supported, reinstall needed")]
    [InlineData("latest" + Digest, "v2.9.0", "from version 'latest' parse error: invalid semantic version")]
    [InlineData("v2.9.4" + Digest, "main", "to version 'main' parse error: invalid semantic version")]
    public void Lower_minor_or_major_is_refused(string lastApplied, string selected, string expected)
    {
        Assert.Equal(expected, DowngradeGuard.Check(lastApplied, selected));
    }

    [Theory]
    [InlineData("", "v2.2.3")]
    [InlineData(null, "v2.2.3")]
    [InlineData("v2.9.4" + Digest, "v2.9.0")] // patch downgrade inside a minor
    [InlineData("v2.8.8" + Digest, "v2.9.4")]
    [InlineData("v2.9.4" + Digest, "v2.9.4")]
    [InlineData("v2.9.4", "v2.9.4")] // no digest part
    public void First_install_upgrade_and_patch_downgrade_pass(string? lastApplied, string selected)
    {
        Assert.Null(DowngradeGuard.Check(lastApplied, selected));
    }
}
