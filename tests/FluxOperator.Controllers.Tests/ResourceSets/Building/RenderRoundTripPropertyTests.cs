using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Templating;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.ResourceSets.Building;

/// <summary>Bounded property test: random input sets rendered through toYaml/quote/toJson read back unchanged.</summary>
public class RenderRoundTripPropertyTests
{
    private const string Alphabet = "abcXYZ019 -_.:#'\"\\/{}[],&*!|>%@`?~<=\t\né€😀";

    private static readonly string[] Tricky =
        ["yes", "no", "on", "off", "y", "n", "true", "null", "~", "", "0x1F", "0o17", "017", "1e3", "1.5", "1_000", "2024-01-01", "1:20",
         "<<", "- x", "a: b", "a #b", " lead", "trail ", "---", "...", "key:", "-", "?", "\"quoted\"", "'single'", "line\n", "\nlead", "a\n\nb\n", "\n  indented"];

    [Fact]
    public void Random_input_sets_survive_rendering_and_reparsing()
    {
        var random = new Random(20261207);
        var resources = BuildFixtures.Objects("""
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: cm-<< inputs.id >>
              payload: << inputs.payload | toYaml | nindent 2 >>
              quoted: << inputs.text | quote >>
              json: << inputs.payload | toJson | quote >>
            """);
        const string Template = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: keys-<< inputs.id >>
            items:
            <<- range $k, $v := inputs.payload >>
            - << $k | quote >>
            <<- end >>
            """;
        for (var round = 0; round < 150; round++)
        {
            var inputs = new List<JsonObject>();
            for (var i = 0; i < 1 + random.Next(4); i++)
            {
                inputs.Add(new JsonObject
                {
                    ["id"] = $"{round}-{i}",
                    ["payload"] = RandomMap(random, depth: 0),
                    ["text"] = RandomString(random),
                });
            }

            var objects = ResourceSetBuild.Build(Template, resources, inputs, TemplateLimits.Default, CancellationToken.None);
            Assert.Equal(2 * inputs.Count, objects.Count);
            for (var i = 0; i < inputs.Count; i++)
            {
                var payload = inputs[i]["payload"]!.AsObject();
                var expectedPayload = payload.Count == 0 ? "{}" : CanonicalJson.Of(payload);
                Assert.Equal(expectedPayload, CanonicalJson.Of(objects[i]["payload"]));
                Assert.Equal(inputs[i]["text"]!.GetValue<string>(), objects[i]["quoted"]!.GetValue<string>());
                Assert.Equal(expectedPayload, CanonicalJson.Of(JsonNode.Parse(objects[i]["json"]!.GetValue<string>())));
                var keys = payload.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();
                Assert.Equal(keys, (objects[inputs.Count + i]["items"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToArray());
            }
        }
    }

    private static JsonObject RandomMap(Random random, int depth)
    {
        var map = new JsonObject();
        for (var i = 0; i < random.Next(depth == 0 ? 1 : 0, 5); i++)
        {
            map[RandomKey(random)] = RandomValue(random, depth + 1);
        }

        return map;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 3 ? 5 : 7) switch
    {
        0 => JsonValue.Create(RandomString(random)),
        1 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64)),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => null,
        4 => JsonValue.Create(random.Next(1, 1000) + 0.25 * random.Next(1, 4)),
        5 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)).ToArray()),
        _ => RandomMap(random, depth),
    };

    private static string RandomKey(Random random) =>
        random.Next(4) == 0 ? Tricky[random.Next(Tricky.Length)].Replace("\n", string.Empty, StringComparison.Ordinal) + "k" + random.Next(100).ToString(CultureInfo.InvariantCulture)
            : "k" + random.Next(1000).ToString(CultureInfo.InvariantCulture);

    private static string RandomString(Random random)
    {
        if (random.Next(3) == 0)
        {
            return Tricky[random.Next(Tricky.Length)];
        }

        var builder = new StringBuilder();
        var runes = Alphabet.EnumerateRunes().ToArray();
        for (var i = 0; i < random.Next(12); i++)
        {
            builder.Append(runes[random.Next(runes.Length)].ToString());
        }

        // Two or more trailing line breaks make a "keep" block whose last, indented empty line nindent turns into one
        // more line break (Go renders the same), so the generator leaves them out.
        var text = builder.ToString();
        return text.EndsWith("\n\n", StringComparison.Ordinal) ? text.TrimEnd('\n') + "\n" : text;
    }
}
