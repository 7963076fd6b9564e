using System.Globalization;
using FluxOperator.Controllers.Distribution.Artifacts;

namespace FluxOperator.Commands;

/// <summary>Progress lines on stderr for long transfers (over 1 MiB), at most twice a second, plus the final one.</summary>
internal sealed class TransferReporter(TextWriter error, string verb, TimeProvider time) : IProgress<TransferProgress>
{
    private const long LongTransfer = 1 << 20;
    private long _lastReport = long.MinValue;

    public void Report(TransferProgress value)
    {
        if (value.Total < LongTransfer)
        {
            return;
        }

        var now = time.GetTimestamp();
        var done = value.Bytes >= value.Total;
        if (!done && _lastReport != long.MinValue && time.GetElapsedTime(_lastReport, now) < TimeSpan.FromMilliseconds(500))
        {
            return;
        }

        _lastReport = now;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb} {value.Blob[..Math.Min(19, value.Blob.Length)]}: {value.Bytes / 1048576.0:0.0} / {value.Total / 1048576.0:0.0} MiB"));
    }
}
