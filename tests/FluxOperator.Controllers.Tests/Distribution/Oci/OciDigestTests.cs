using System.Security.Cryptography;
using System.Text;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Tests.Distribution.Oci;

public class OciDigestTests
{
    [Theory]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true)]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", false)]
    [InlineData("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData("sha256:e3b0", false)]
    [InlineData("", false)]
    public void Only_lowercase_sha256_digests_are_valid(string value, bool valid) => Assert.Equal(valid, OciDigest.IsValid(value));

    [Fact]
    public void Computed_digest_is_prefixed_lowercase_hex_of_sha256()
    {
        var bytes = Encoding.UTF8.GetBytes("flux");

        Assert.Equal("sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), OciDigest.Compute(bytes));
    }
}
