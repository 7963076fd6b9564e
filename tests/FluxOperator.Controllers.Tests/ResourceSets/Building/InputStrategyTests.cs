using System.Text.Json.Nodes;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Templating;
using static FluxOperator.Controllers.Tests.ResourceSets.Building.BuildFixtures;

namespace FluxOperator.Controllers.Tests.ResourceSets.Building;

/// <summary>Input ids, key normalization, Flatten and Permute.</summary>
public class InputStrategyTests
{
    [Theory]
    [InlineData("foo", "42074437")]
    [InlineData("bar", "39649590")]
    [InlineData("baz", "40173886")]
    [InlineData("", "1")]
    [InlineData("6.0.4", "48955639")]
    [InlineData("5.0.3", "48562421")]
    [InlineData("patch-1", "183501423")]
    [InlineData("patch-2", "183566960")]
    [InlineData("team1-apps", "340788154")]
    [InlineData("rset=0/rsip=0", "563152006")]
    [InlineData("rset=1/rsip=0", "563676295")]
    [InlineData("color_environments=0/team1_apps=0", "3776973979")]
    public void Ids_are_adler32_in_decimal(string text, string id) => Assert.Equal(id, InputId.Compute(text));

    [Fact]
    public void Adler32_stays_exact_past_the_modulo_block()
    {
        // 6000 bytes of 0xFF cross the 5552-byte block after which the sums must be reduced.
        var text = new string('\u00FF', 3000); // 2 UTF-8 bytes each
        ulong a = 1, b = 0;
        foreach (var x in System.Text.Encoding.UTF8.GetBytes(text))
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        Assert.Equal(((b << 16) | a).ToString(System.Globalization.CultureInfo.InvariantCulture), InputId.Compute(text));
    }

    [Theory]
    [InlineData("My_ResourceSet", "my_resourceset")]
    [InlineData("My-ResourceSet", "my_resourceset")]
    [InlineData("My/ResourceSet", "my_resourceset")]
    [InlineData("My,ResourceSet", "my_resourceset")]
    [InlineData("My:ResourceSet", "my_resourceset")]
    [InlineData("My.ResourceSet", "my_resourceset")]
    [InlineData("My!ResourceSet", "my_resourceset")]
    [InlineData("My?ResourceSet", "my_resourceset")]
    [InlineData("My@ResourceSet", "my_resourceset")]
    [InlineData("My#ResourceSet", "my_resourceset")]
    [InlineData("My ResourceSet", "my_resourceset")]
    [InlineData("_a---b_-_", "a_b")]
    [InlineData("A0..B", "a0_b")]
    [InlineData("A  B", "a_b")]
    [InlineData("A@@B", "a_b")]
    [InlineData("A##B", "a_b")]
    [InlineData("A$+^=<>|~`B", "ab")]
    [InlineData("__", "")]
    public void Names_normalize_for_templates(string name, string key) => Assert.Equal(key, InputId.NormalizeKey(name));

    private static JsonObject Input(string json) => JsonNode.Parse(json)!.AsObject();

    private static InputSource Rset(params string[] ids) =>
        new("ResourceSet", "rset", "default", ids.Select(id => Input($$"""{"id": "{{id}}"}""")).ToList());

    private static InputSource Rsip(string name, params string[] ids) =>
        new("ResourceSetInputProvider", name, "default", ids.Select(id => Input($$"""{"id": "{{id}}"}""")).ToList());

    private static string Json(IEnumerable<JsonObject> items) => new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()).ToJsonString();

    [Theory]
    [InlineData(null)]
    [InlineData("Flatten")]
    public void Flatten_concatenates_sources_with_provider_blocks(string? strategy)
    {
        var result = InputStrategies.Combine(strategy, [Rset(InputId.Compute("foo"), InputId.Compute("bar")), Rsip("rsip", InputId.Compute("baz"))], false);
        Assert.Equal(
            """[{"id":"42074437","provider":{"apiVersion":"fluxcd.controlplane.io/v1","kind":"ResourceSet","name":"rset","namespace":"default"}},""" +
            """{"id":"39649590","provider":{"apiVersion":"fluxcd.controlplane.io/v1","kind":"ResourceSet","name":"rset","namespace":"default"}},""" +
            """{"id":"40173886","provider":{"apiVersion":"fluxcd.controlplane.io/v1","kind":"ResourceSetInputProvider","name":"rsip","namespace":"default"}}]""",
            Json(result));
    }

    [Fact]
    public void Permute_scopes_each_source_and_computes_ids()
    {
        var result = InputStrategies.Combine("Permute", [Rset("42074437", "39649590"), Rsip("rsip", "40173886")], false);
        Assert.Equal(2, result.Count);
        Assert.Equal("563152006", result[0]["id"]!.GetValue<string>());
        Assert.Equal("42074437", result[0]["rset"]!["id"]!.GetValue<string>());
        Assert.Equal("ResourceSet", result[0]["rset"]!["provider"]!["kind"]!.GetValue<string>());
        Assert.Equal("40173886", result[0]["rsip"]!["id"]!.GetValue<string>());
        Assert.Equal("ResourceSetInputProvider", result[0]["rsip"]!["provider"]!["kind"]!.GetValue<string>());
        Assert.Equal("563676295", result[1]["id"]!.GetValue<string>());
        Assert.Equal("39649590", result[1]["rset"]!["id"]!.GetValue<string>());
        Assert.Equal(["rset", "rsip", "id"], result[0].Select(p => p.Key));
    }

    [Fact]
    public void Permute_skips_empty_sources_unless_asked_to_keep_them()
    {
        Assert.Equal(2, InputStrategies.Permute([Rset("a", "b"), Rsip("rsip")], false).Count);
        Assert.Empty(InputStrategies.Permute([Rset("a", "b"), Rsip("rsip")], true));
        Assert.Empty(InputStrategies.Permute([Rset(), Rsip("rsip", "x")], true));
        Assert.Equal(2, InputStrategies.Permute([Rset("42074437", "39649590"), Rsip("rsip", "40173886")], true).Count);
    }

    [Fact]
    public void Permute_runs_the_odometer_with_the_last_source_fastest()
    {
        var p1 = new InputSource("ResourceSetInputProvider", "provider-1", "ns", [Input("""{"key1":"value1"}"""), Input("""{"key1":"value2"}""")]);
        var p2 = new InputSource("ResourceSetInputProvider", "provider-2", "ns", [Input("""{"key2":"value1"}"""), Input("""{"key2":"value2"}""")]);
        var result = InputStrategies.Permute([p1, p2], false);
        Assert.Equal(["2075461889", "2075527426", "2076379394", "2076444931"], result.Select(r => r["id"]!.GetValue<string>()));
        Assert.Equal(["value1value1", "value1value2", "value2value1", "value2value2"],
            result.Select(r => r["provider_1"]!["key1"]!.GetValue<string>() + r["provider_2"]!["key2"]!.GetValue<string>()));
    }

    [Fact]
    public void Permute_limits_the_product_and_rejects_empty_names()
    {
        var many = new InputSource("ResourceSet", "rset", "ns", Enumerable.Range(0, 100_000).Select(_ => new JsonObject()).ToList());
        Assert.Equal("failed to get inputs from ResourceSet/rset: adding provider 'rset' with 100000 inputs would exceed the maximum allowed permutations. max: 10000, got: 100000",
            Assert.Throws<InputException>(() => InputStrategies.Permute([many], false)).Message);
        var providers = Enumerable.Range(1, 5).Select(i => new InputSource("ResourceSetInputProvider", $"provider-{i}", "ns",
            Enumerable.Range(0, 10).Select(_ => new JsonObject()).ToList())).ToList();
        Assert.EndsWith("adding provider 'provider-5' with 10 inputs would exceed the maximum allowed permutations. max: 10000, got: 100000",
            Assert.Throws<InputException>(() => InputStrategies.Permute(providers, false)).Message);
        Assert.Equal(10_000, InputStrategies.Permute(providers.Take(4).ToList(), false).Count);
        var bad = new InputSource("ResourceSetInputProvider", "-£%^$%&$%$£%$", "ns", [new JsonObject()]);
        Assert.EndsWith("normalized provider name is empty: '-£%^$%&$%$£%$'", Assert.Throws<InputException>(() => InputStrategies.Permute([bad], false)).Message);
    }

    [Fact]
    public void Unknown_strategies_are_rejected() =>
        Assert.Equal("unknown input strategy: 'invalid-strategy'",
            Assert.Throws<InputException>(() => InputStrategies.Combine("invalid-strategy", [], false)).Message);

    [Fact]
    public void Output_before_the_first_separator_that_is_only_a_newline_reads_as_a_null_document() =>
        Assert.EndsWith("failed to read objects from multi-doc YAML: Object 'Kind' is missing in 'null'",
            Assert.Throws<ResourceSetBuildException>(() => ResourceSetBuild.Build("<<- if true >>\n---\napiVersion: v1\nkind: A\nmetadata: {name: a}\n<<- end >>",
                [], [], TemplateLimits.Default, CancellationToken.None)).Message);

    [Fact]
    public void Permuted_template_renders_one_object_set_per_permutation()
    {
        var colors = new InputSource("ResourceSet", "color-environments", "ns",
            new[] { "blue", "green", "red", "yellow" }.Select(c => Input($$"""{"id": "{{c}}"}""")).ToList());
        var apps = new InputSource("ResourceSetInputProvider", "team1-apps", "ns", [Input("""
            {"tenantName": "team1", "applications": [{"name": "app1", "envs": [{"name": "staging", "version": "v1.0.1"}, {"name": "production", "version": "v1.0.0"}]}]}
            """)]);
        var inputs = InputStrategies.Combine("Permute", [colors, apps], false);
        var template = """
            ---
            <<- range $app := inputs.team1_apps.applications >>
            <<- range $env := $app.envs >>
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: OCIRepository
            metadata:
              name: << $app.name >>
              namespace: << inputs.team1_apps.tenantName >>-<< $env.name >>-<< inputs.color_environments.id >>
              annotations:
                permutation-id: "<< inputs.id >>"
            spec:
              ref:
                tag: << $env.version >>
            ---
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: << $app.name >>
              namespace: << inputs.team1_apps.tenantName >>-<< $env.name >>-<< inputs.color_environments.id >>
            <<- end >>
            <<- end >>
            """;
        var objects = ResourceSetBuild.Build(template, [], inputs, TemplateLimits.Default, CancellationToken.None);
        Assert.Equal(16, objects.Count);
        Assert.Equal("OCIRepository team1-staging-blue/app1", Id(objects[0]));
        Assert.Equal("\"3776973979\"", Path(objects[0], "metadata:annotations:permutation-id"));
        Assert.Equal("\"3777891484\"", Path(objects[4], "metadata:annotations:permutation-id"));
        Assert.Equal("Kustomization team1-production-yellow/app1", Id(objects[15]));
        Assert.Equal("\"v1.0.0\"", Path(objects[2], "spec:ref:tag"));
    }
}
