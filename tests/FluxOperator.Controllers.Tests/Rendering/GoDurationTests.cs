using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Rendering;

public class GoDurationTests
{
    [Theory]
    [InlineData("1m", "1m0s")]
    [InlineData("90s", "1m30s")]
    [InlineData("1h", "1h0m0s")]
    [InlineData("1.5h", "1h30m0s")]
    [InlineData("0.5m", "30s")]
    [InlineData("2m3.5s", "2m3.5s")]
    [InlineData("100ms", "100ms")]
    [InlineData("10m", "10m0s")]
    [InlineData("0s", "0s")]
    [InlineData("1.5ms", "1.5ms")]
    [InlineData("1h1s", "1h0m1s")]
    [InlineData("25h", "25h0m0s")]
    [InlineData("1m60s", "2m0s")]
    public void Durations_print_in_go_form(string input, string expected) =>
        Assert.Equal(expected, GoDuration.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1d")]
    [InlineData("-1m")]
    [InlineData("1 m")]
    [InlineData("1.m")]
    public void Strings_outside_the_api_pattern_do_not_parse(string input) =>
        Assert.Null(GoDuration.Normalize(input));

    [Theory]
    [InlineData(1L, "1ns")]
    [InlineData(1500L, "1.5µs")]
    [InlineData(999_999_999L, "999.999999ms")]
    [InlineData(1_000_000_001L, "1.000000001s")]
    public void Sub_second_and_fractional_values_keep_go_units(long nanoseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(nanoseconds));
}
