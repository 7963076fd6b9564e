using FluxOperator.Controllers.Apply.Migration;
using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Tests.Apply;

public sealed class MigrationDecisionTests
{
    [Theory]
    [InlineData("v2.6.4", "v2.7.0", true)]
    [InlineData("v2.7.0", "v2.7.5", false)]
    [InlineData("v2.7.0", "v3.0.0", false)]
    [InlineData("v2.7.0", "v2.6.0", false)]
    [InlineData("2.6", "2.7.0-rc.1", true)]
    [InlineData(null, "v2.7.0", false)]
    public void A_higher_minor_of_the_same_major_is_a_minor_upgrade(string? from, string to, bool minor)
    {
        var before = from is null ? null : LenientVersion.Parse(from);

        Assert.Equal(minor, MigrationDecision.IsMinorUpgrade(before, LenientVersion.Parse(to)));
    }
}
