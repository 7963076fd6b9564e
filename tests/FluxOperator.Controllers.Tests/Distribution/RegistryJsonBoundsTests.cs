using System.Text;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Tests.Distribution;

public class RegistryJsonBoundsTests
{
    private static byte[] Nested(int depth, string prefix) =>
        Encoding.UTF8.GetBytes(prefix + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "}");

    [Fact]
    public void A_manifest_nested_past_the_json_depth_limit_is_a_format_error_not_a_crash()
    {
        var error = Assert.Throws<FormatException>(() => OciManifest.Parse(Nested(100_000, "{\"schemaVersion\":2,\"x\":")));
        Assert.StartsWith("manifest is not valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_docker_config_nested_past_the_json_depth_limit_is_a_format_error()
    {
        var error = Assert.Throws<FormatException>(() => DockerConfig.Parse(Nested(10_000, "{\"auths\":")));
        Assert.StartsWith("docker config is not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_within_the_depth_limit_parses()
    {
        var manifest = OciManifest.Parse(Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}"));
        Assert.Equal(2, manifest.SchemaVersion);
    }
}
