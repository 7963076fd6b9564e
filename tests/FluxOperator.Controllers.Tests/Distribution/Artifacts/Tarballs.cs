using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace FluxOperator.Controllers.Tests.Distribution.Artifacts;

/// <summary>Hand-made tarballs, friendly and hostile, gzip-compressed in memory.</summary>
internal static class Tarballs
{
    public static byte[] Gzip(byte[] tar)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        return output.ToArray();
    }

    /// <summary>A tar.gz written by .NET's TarWriter (which does not police names or types).</summary>
    public static byte[] With(params TarEntry[] entries)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        return Gzip(tar.ToArray());
    }

    public static PaxTarEntry File(string name, string content = "x") =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    public static PaxTarEntry Directory(string name) => new(TarEntryType.Directory, name);

    public static PaxTarEntry Link(TarEntryType type, string name, string target) => new(type, name) { LinkName = target };

    /// <summary>A PAX header declaring <paramref name="size"/> bytes for a file whose data is absent: a size bomb.</summary>
    public static byte[] DeclaredSize(string name, long size)
    {
        using var tar = new MemoryStream();
        var record = PaxRecord("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tar.Write(Header("PaxHeaders/" + name, 'x', record.Length));
        tar.Write(Pad(record));
        tar.Write(Header(name, '0', 0));
        tar.Write(new byte[1024]);
        return Gzip(tar.ToArray());
    }

    private static byte[] PaxRecord(string key, string value)
    {
        var body = $" {key}={value}\n";
        var length = body.Length + 1;
        while ((length.ToString(System.Globalization.CultureInfo.InvariantCulture) + body).Length != length)
        {
            length++;
        }

        return Encoding.ASCII.GetBytes(length.ToString(System.Globalization.CultureInfo.InvariantCulture) + body);
    }

    private static byte[] Pad(byte[] data)
    {
        var padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        return padded;
    }

    // A ustar header block with a correct checksum.
    private static byte[] Header(string name, char type, long size)
    {
        var block = new byte[512];
        void Put(int offset, string text) => Encoding.ASCII.GetBytes(text).CopyTo(block, offset);
        Put(0, name);
        Put(100, "0000644\0");
        Put(108, "0000000\0");
        Put(116, "0000000\0");
        Put(124, Convert.ToString(size, 8).PadLeft(11, '0') + "\0");
        Put(136, "00000000000\0");
        Put(148, "        ");
        block[156] = (byte)type;
        Put(257, "ustar\0");
        Put(263, "00");
        var sum = block.Sum(b => (int)b);
        Put(148, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        return block;
    }
}
