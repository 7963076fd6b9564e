using FluxOperator.Controllers.Reconciliation;

namespace FluxOperator.Controllers.Tests.Reconciliation;

public class PassDurationTests
{
    [Theory]
    [InlineData(272.4, "272ms")]
    [InlineData(999.4, "999ms")]
    [InlineData(52_183.417, "52s")]
    [InlineData(65_400, "1m5s")]
    [InlineData(240_000, "4m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(0, "0s")]
    public void Messages_round_to_milliseconds_below_a_second_and_to_seconds_above(double milliseconds, string expected) =>
        Assert.Equal(expected, PassDuration.Rounded(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(2_818.583, "2.818583s")]
    [InlineData(62_500, "1m2.5s")]
    [InlineData(1.5, "1.5ms")]
    public void History_durations_are_not_rounded(double milliseconds, string expected) =>
        Assert.Equal(expected, PassDuration.Exact(TimeSpan.FromMilliseconds(milliseconds)));
}
