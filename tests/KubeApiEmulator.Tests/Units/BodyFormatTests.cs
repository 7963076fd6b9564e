using System.Text;
using KubeApiEmulator.Json;

namespace KubeApiEmulator.Tests.Units;

/// <summary>YAML and protobuf request bodies.</summary>
public sealed class BodyFormatTests
{
    [Fact]
    public void Yaml_scalars_resolve_like_the_core_schema()
    {
        var node = YamlJson.Parse("""
            int: 3
            neg: -2
            float: 1.5
            yes: true
            no: false
            nothing: null
            tilde: ~
            quoted: "3"
            single: 'true'
            text: hello
            version: 1.2.3
            list: [a, 1]
            """)!;
        Assert.Equal(3, node["int"]!.GetValue<long>());
        Assert.Equal(-2, node["neg"]!.GetValue<long>());
        Assert.Equal(1.5, node["float"]!.GetValue<double>());
        Assert.True(node["yes"]!.GetValue<bool>());
        Assert.False(node["no"]!.GetValue<bool>());
        Assert.Null(node["nothing"]);
        Assert.Null(node["tilde"]);
        Assert.Equal("3", node["quoted"]!.GetValue<string>());
        Assert.Equal("true", node["single"]!.GetValue<string>());
        Assert.Equal("hello", node["text"]!.GetValue<string>());
        Assert.Equal("1.2.3", node["version"]!.GetValue<string>());
        Assert.Equal("a", node["list"]![0]!.GetValue<string>());
    }

    [Fact]
    public void A_yaml_stream_yields_every_document()
    {
        Assert.Equal(2, YamlJson.ParseAll("a: 1\n---\nb: 2\n---\n").Count);
    }

    [Fact]
    public void A_protobuf_namespace_body_decodes_to_json()
    {
        // k8s\0 + Unknown{typeMeta{apiVersion:"v1",kind:"Namespace"}, raw: Namespace{metadata{name:"a", labels{x:y}}}}
        var labelEntry = Concat(Str(1, "x"), Str(2, "y"));
        var raw = Field(1, Concat(Str(1, "a"), Field(11, labelEntry)));
        var typeMeta = Message(1, Str(1, "v1"), Str(2, "Namespace"));
        var unknown = typeMeta.Concat(Field(2, raw)).ToArray();
        var body = new byte[] { 0x6b, 0x38, 0x73, 0x00 }.Concat(unknown).ToArray();
        var obj = ProtobufObjects.TryDecode(body)!;
        Assert.Equal("Namespace", obj["kind"]!.ToString());
        Assert.Equal("a", obj["metadata"]!["name"]!.ToString());
        Assert.Equal("y", obj["metadata"]!["labels"]!["x"]!.ToString());
    }

    [Fact]
    public void Protobuf_bodies_of_other_kinds_are_not_decoded()
    {
        var typeMeta = Message(1, Str(1, "apps/v1"), Str(2, "Deployment"));
        var body = new byte[] { 0x6b, 0x38, 0x73, 0x00 }.Concat(typeMeta).Concat(Field(2, [])).ToArray();
        Assert.Null(ProtobufObjects.TryDecode(body));
    }

    private static byte[] Str(int field, string value) => Field(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Message(int field, params byte[][] parts) => Field(field, Concat(parts));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Field(int field, byte[] payload) => [(byte)((field << 3) | 2), (byte)payload.Length, .. payload];
}
