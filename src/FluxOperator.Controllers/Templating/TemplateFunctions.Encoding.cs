using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static FluxOperator.Controllers.Templating.ParamType;
using F = FluxOperator.Controllers.Templating.TemplateFunction;

namespace FluxOperator.Controllers.Templating;

internal static partial class TemplateFunctions
{
    private static IEnumerable<TemplateFunction> Encodings()
    {
        yield return F.Fixed("fromJson", (c, a) => TryFromJson(S(a, 0), out var v, out var error) && error is null ? v : null, Text);
        yield return F.Fixed("mustFromJson", (_, a) => TryFromJson(S(a, 0), out var v, out var error) ? v : throw new FunctionException(error!), Text);
        yield return F.Fixed("toJson", (_, a) => TryJson(a[0], GoJson.Style.Compact, out var s) ? s : string.Empty, Any);
        yield return F.Fixed("toPrettyJson", (_, a) => TryJson(a[0], GoJson.Style.Pretty, out var s) ? s : string.Empty, Any);
        yield return F.Fixed("toRawJson", (_, a) => TryJson(a[0], GoJson.Style.Raw, out var s) ? s : string.Empty, Any);
        yield return F.Fixed("mustToJson", (_, a) => GoJson.Marshal(a[0], GoJson.Style.Compact), Any);
        yield return F.Fixed("mustToPrettyJson", (_, a) => GoJson.Marshal(a[0], GoJson.Style.Pretty), Any);
        yield return F.Fixed("mustToRawJson", (_, a) => GoJson.Marshal(a[0], GoJson.Style.Raw), Any);
        yield return F.Fixed("b64enc", (_, a) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(S(a, 0))), Text);
        yield return F.Fixed("b64dec", (_, a) => Base64Decode(S(a, 0)), Text);
        yield return F.Fixed("b32enc", (_, a) => Base32Encode(System.Text.Encoding.UTF8.GetBytes(S(a, 0))), Text);
        yield return F.Fixed("b32dec", (_, a) => Base32Decode(S(a, 0)), Text);
        yield return F.Fixed("sha1sum", (_, a) => Convert.ToHexStringLower(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(S(a, 0)))), Text);
        yield return F.Fixed("sha256sum", (_, a) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(S(a, 0)))), Text);
        yield return F.Fixed("adler32sum", (_, a) => Adler32.Compute(System.Text.Encoding.UTF8.GetBytes(S(a, 0))).ToString(CultureInfo.InvariantCulture), Text);
    }

    private static bool TryJson(object? value, GoJson.Style style, out string result)
    {
        try
        {
            result = GoJson.Marshal(value, style);
            return true;
        }
        catch (FunctionException)
        {
            result = string.Empty;
            return false;
        }
    }

    private static bool TryFromJson(string text, out object? value, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 1000 });
            value = FromJsonAllDoubles(document.RootElement);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            value = null;
            error = text.Length == 0 ? "unexpected end of JSON input" : "invalid character in JSON input: " + e.Message;
            return false;
        }
    }

    /// <summary>encoding/json into <c>interface {}</c>: every number is a float64.</summary>
    private static object? FromJsonAllDoubles(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Object => element.EnumerateObject().Aggregate(GoValues.NewMap(), (m, p) =>
        {
            m[p.Name] = FromJsonAllDoubles(p.Value);
            return m;
        }),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJsonAllDoubles).ToList(),
        _ => GoValues.FromElement(element),
    };

    private static string Base64Decode(string text)
    {
        // Go's StdEncoding: strict padding; newlines are ignored; the error names the first bad byte.
        var cleaned = text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < cleaned.Length; i++)
        {
            var c = cleaned[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return $"illegal base64 data at input byte {i}";
            }
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cleaned));
        }
        catch (FormatException)
        {
            var pad = cleaned.IndexOf('=', StringComparison.Ordinal);
            return $"illegal base64 data at input byte {(pad >= 0 ? pad : cleaned.Length - (cleaned.Length % 4))}";
        }
    }

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static string Base32Encode(byte[] data)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < data.Length; i += 5)
        {
            var chunk = new byte[5];
            var n = Math.Min(5, data.Length - i);
            Array.Copy(data, i, chunk, 0, n);
            ulong bits = 0;
            foreach (var b in chunk)
            {
                bits = (bits << 8) | b;
            }

            var chars = (int)Math.Ceiling(n * 8 / 5.0);
            for (var k = 0; k < 8; k++)
            {
                builder.Append(k < chars ? Base32Alphabet[(int)((bits >> (35 - (k * 5))) & 31)] : '=');
            }
        }

        return builder.ToString();
    }

    private static string Base32Decode(string text)
    {
        var cleaned = text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        var output = new List<byte>();
        ulong buffer = 0;
        var bits = 0;
        var padding = false;
        for (var i = 0; i < cleaned.Length; i++)
        {
            var c = cleaned[i];
            if (c == '=')
            {
                padding = true;
                continue;
            }

            var v = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0 || padding)
            {
                return $"illegal base32 data at input byte {i}";
            }

            buffer = (buffer << 5) | (uint)v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
            }
        }

        if (cleaned.Length % 8 != 0)
        {
            return $"illegal base32 data at input byte {cleaned.Length - (cleaned.Length % 8)}";
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
