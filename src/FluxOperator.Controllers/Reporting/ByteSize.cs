using System.Globalization;

namespace FluxOperator.Controllers.Reporting;

/// <summary>Artifact sizes as the report writes them: <c>512 B</c>, <c>78.1 KiB</c>, <c>3.7 MiB</c>; empty for zero.</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Formats <paramref name="bytes"/> with one decimal and binary units; null when zero or less.</summary>
    public static string? Format(long bytes)
    {
        if (bytes <= 0)
        {
            return null;
        }

        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        // Go's humanize-style loop: divide while the value is at least 1024, then print one decimal.
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
