using FluxOperator.Controllers.Reporting;

namespace FluxOperator.Controllers.Tests.Reporting;

public class ByteSizeTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(-5, null)]
    [InlineData(1, "1 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(80_000, "78.1 KiB")] // 78.125
    [InlineData(3_879_731, "3.7 MiB")] // 3.69999...
    [InlineData(1L << 30, "1.0 GiB")]
    [InlineData(5L << 40, "5.0 TiB")]
    [InlineData(long.MaxValue, "8.0 EiB")]
    public void Sizes_use_binary_units_with_one_decimal(long bytes, string? expected) => Assert.Equal(expected, ByteSize.Format(bytes));
}
