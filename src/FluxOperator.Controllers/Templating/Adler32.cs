namespace FluxOperator.Controllers.Templating;

/// <summary>The Adler-32 checksum (RFC 1950): ResourceSet input ids and <c>adler32sum</c>.</summary>
internal static class Adler32
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            // 5552 is the largest block for which the sums cannot overflow 32 bits before the modulo.
            var block = data[..Math.Min(5552, data.Length)];
            foreach (var x in block)
            {
                a += x;
                b += a;
            }

            a %= Mod;
            b %= Mod;
            data = data[block.Length..];
        }

        return (b << 16) | a;
    }
}
