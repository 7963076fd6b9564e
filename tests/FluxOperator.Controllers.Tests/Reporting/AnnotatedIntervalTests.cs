using FluxOperator.Controllers.Reporting;

namespace FluxOperator.Controllers.Tests.Reporting;

public class AnnotatedIntervalTests
{
    [Theory]
    [InlineData(null, 600)]
    [InlineData("", 600)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("0", 0)]
    [InlineData("-1m", -60)]
    [InlineData("ten minutes", 600)]
    [InlineData("5", 600)]
    public void Annotations_parse_as_durations_with_a_fallback(string? value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AnnotatedInterval.Parse(value, TimeSpan.FromMinutes(10)));

    [Theory]
    [InlineData(272.4, "272ms")]
    [InlineData(999.6, "1s")]
    [InlineData(52_300, "52s")]
    [InlineData(65_000, "1m5s")]
    [InlineData(240_000, "4m0s")]
    public void Message_durations_are_rounded(double milliseconds, string expected) =>
        Assert.Equal(expected, AnnotatedInterval.Rounded(TimeSpan.FromMilliseconds(milliseconds)));
}
