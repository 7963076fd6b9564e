using System.Text.Json.Nodes;
using FluxOperator.Cel;
using YamlDotNet.RepresentationModel;

namespace FluxOperator.Cel.Tests;

/// <summary>The rules our CRDs and ResourceSet's dependency checks use, evaluated as the API server and the operator do.</summary>
public sealed class KubernetesRuleTests
{
    private static bool Eval(string rule, string self, string? oldSelf = null)
    {
        var variables = new Dictionary<string, JsonNode?> { ["self"] = JsonNode.Parse(self) };
        if (oldSelf is not null)
        {
            variables["oldSelf"] = JsonNode.Parse(oldSelf);
        }

        return CelProgram.Compile(rule).Evaluate(variables).AsBool();
    }

    [Fact]
    public void Every_rule_in_the_generated_crds_compiles()
    {
        var rules = CrdRules().ToList();
        Assert.NotEmpty(rules);
        foreach (var (file, rule) in rules)
        {
            var e = Record.Exception(() => CelProgram.Compile(rule));
            Assert.True(e is null, $"{file}: {rule}: {e?.Message}");
        }
    }

    private static IEnumerable<(string File, string Rule)> CrdRules()
    {
        var dir = Path.Combine(RepositoryRoot(), "config", "crd", "bases");
        foreach (var file in Directory.GetFiles(dir, "*.yaml"))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            foreach (var doc in stream.Documents)
            {
                foreach (var rule in Rules(doc.RootNode))
                {
                    yield return (Path.GetFileName(file), rule);
                }
            }
        }
    }

    private static IEnumerable<string> Rules(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: "x-kubernetes-validations" } && value is YamlSequenceNode list)
                    {
                        foreach (var item in list.Children.OfType<YamlMappingNode>())
                        {
                            if (item.Children.TryGetValue(new YamlScalarNode("rule"), out var r) && r is YamlScalarNode { Value: { } text })
                            {
                                yield return text;
                            }
                        }
                    }

                    foreach (var inner in Rules(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case YamlSequenceNode seq:
                foreach (var inner in seq.Children.SelectMany(Rules))
                {
                    yield return inner;
                }

                break;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FluxOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    // FluxInstance.
    [Theory]
    [InlineData("""{"metadata":{"name":"flux"}}""", true)]
    [InlineData("""{"metadata":{"name":"other"}}""", false)]
    public void Fluxinstance_must_be_named_flux(string self, bool valid) => Assert.Equal(valid, Eval("self.metadata.name == 'flux'", self));

    private const string WorkloadIdentity =
        "(has(self.objectLevelWorkloadIdentity) && self.objectLevelWorkloadIdentity) || !has(self.multitenantWorkloadIdentity) || !self.multitenantWorkloadIdentity";

    [Theory]
    [InlineData("{}", true)]
    [InlineData("""{"multitenantWorkloadIdentity":false}""", true)]
    [InlineData("""{"multitenantWorkloadIdentity":true}""", false)]
    [InlineData("""{"multitenantWorkloadIdentity":true,"objectLevelWorkloadIdentity":false}""", false)]
    [InlineData("""{"multitenantWorkloadIdentity":true,"objectLevelWorkloadIdentity":true}""", true)]
    public void Multitenant_workload_identity_needs_object_level_identity(string self, bool valid) => Assert.Equal(valid, Eval(WorkloadIdentity, self));

    [Theory]
    [InlineData("""{"kind":"OCIRepository","provider":"gcp"}""", true)]
    [InlineData("""{"kind":"Bucket","provider":"gcp"}""", true)]
    [InlineData("""{"kind":"GitRepository","provider":"gcp"}""", false)]
    [InlineData("""{"kind":"GitRepository"}""", true)]
    public void Gcp_provider_only_for_oci_and_bucket(string self, bool valid) =>
        Assert.Equal(valid, Eval("!has(self.provider) || self.provider != 'gcp' || self.kind == 'OCIRepository' || self.kind == 'Bucket'", self));

    [Theory]
    [InlineData("""{}""", true)]
    [InlineData("""{"sharding":{"shards":["a"]}}""", true)]
    [InlineData("""{"sharding":{"storage":"persistent"}}""", false)]
    [InlineData("""{"sharding":{"storage":"persistent"},"storage":{"class":"x","size":"1Gi"}}""", true)]
    public void Persistent_sharding_needs_storage(string self, bool valid) =>
        Assert.Equal(valid, Eval("!has(self.sharding) || !has(self.sharding.storage) || self.sharding.storage != 'persistent' || has(self.storage)", self));

    [Theory]
    [InlineData("\"flux-system\"", "\"flux-system\"", true)]
    [InlineData("\"renamed\"", "\"flux-system\"", false)]
    public void Sync_name_transition_rule_compares_with_old_self(string self, string oldSelf, bool valid) =>
        Assert.Equal(valid, Eval("self == oldSelf", self, oldSelf));

    // ResourceSet.
    [Theory]
    [InlineData("""{"resources":[{}]}""", true, true)]
    [InlineData("""{"steps":[{"name":"a","resources":[{}]}]}""", true, true)]
    [InlineData("""{"steps":[{"name":"a"}],"resourcesTemplate":"x"}""", false, true)]
    [InlineData("""{"commonMetadata":{}}""", true, false)]
    public void Resourceset_spec_rules(string self, bool exclusive, bool something)
    {
        Assert.Equal(exclusive, Eval("!has(self.steps) || (!has(self.resources) && !has(self.resourcesTemplate))", self));
        Assert.Equal(something, Eval("has(self.steps) || has(self.resources) || has(self.resourcesTemplate)", self));
    }

    [Theory]
    [InlineData("""[{"name":"a"},{"name":"b"}]""", true)]
    [InlineData("""[{"name":"a"},{"name":"a"}]""", false)]
    [InlineData("""[]""", true)]
    public void Resourceset_step_names_must_be_unique(string self, bool valid) =>
        Assert.Equal(valid, Eval("self.all(s, self.exists_one(t, t.name == s.name))", self));

    [Theory]
    [InlineData("""{"name":"Flatten"}""", true)]
    [InlineData("""{"name":"Flatten","includeEmptyProviders":true}""", false)]
    [InlineData("""{"name":"Permute","includeEmptyProviders":true}""", true)]
    public void Include_empty_providers_only_for_permute(string self, bool valid) =>
        Assert.Equal(valid, Eval("!has(self.includeEmptyProviders) || self.name == 'Permute'", self));

    [Theory]
    [InlineData("""{"name":"a"}""", true, true)]
    [InlineData("""{"selector":{}}""", true, true)]
    [InlineData("""{}""", false, true)]
    [InlineData("""{"name":"a","selector":{}}""", true, false)]
    public void Input_provider_reference_needs_name_xor_selector(string self, bool some, bool notBoth)
    {
        Assert.Equal(some, Eval("has(self.name) || has(self.selector)", self));
        Assert.Equal(notBoth, Eval("!has(self.name) || !has(self.selector)", self));
    }

    // ResourceSetInputProvider: the spec rules in CRD order.
    public static TheoryData<string, string, bool> RsipCases => new()
    {
        { "self.type != 'Static' || !has(self.url)", """{"type":"Static","url":"https://x"}""", false },
        { "self.type == 'Static' || self.type == 'ExternalArtifact' || has(self.url)", """{"type":"GitHubBranch"}""", false },
        { "!self.type.startsWith('Git') || self.url.startsWith('http')", """{"type":"GiteaTag","url":"ssh://x"}""", false },
        { "!self.type.startsWith('Git') || self.url.startsWith('http')", """{"type":"GitLabTag","url":"https://x"}""", true },
        { "!self.type.startsWith('AzureDevOps') || self.url.startsWith('http://') || self.url.startsWith('https://')", """{"type":"AzureDevOpsTag","url":"git://x"}""", false },
        { "!self.type.startsWith('AWSCodeCommit') || self.url.startsWith('https://')", """{"type":"AWSCodeCommitTag","url":"http://x"}""", false },
        { "!self.type.endsWith('ArtifactTag') || self.url.startsWith('oci')", """{"type":"ECRArtifactTag","url":"https://x"}""", false },
        { "!self.type.endsWith('ArtifactTag') || !self.url.startsWith('oci://') || self.url.substring(6).contains('/')", """{"type":"OCIArtifactTag","url":"oci://ghcr.io"}""", false },
        { "!self.type.endsWith('ArtifactTag') || !self.url.startsWith('oci://') || self.url.substring(6).contains('/')", """{"type":"OCIArtifactTag","url":"oci://ghcr.io/org/app"}""", true },
        { "self.type != 'ExternalService' || self.url.startsWith('http')", """{"type":"ExternalService","url":"oci://x"}""", false },
        { "!has(self.insecure) || !self.insecure || self.type == 'ExternalService' || self.type == 'OCIArtifactTag'", """{"type":"GitHubTag","insecure":true}""", false },
        { "self.type != 'ExternalService' || !self.url.startsWith('http://') || (has(self.insecure) && self.insecure)", """{"type":"ExternalService","url":"http://x"}""", false },
        { "self.type != 'ExternalService' || !self.url.startsWith('http://') || (has(self.insecure) && self.insecure)", """{"type":"ExternalService","url":"http://x","insecure":true}""", true },
        { "!has(self.serviceAccountName) || self.type.startsWith('AzureDevOps') || self.type.startsWith('AWSCodeCommit') || self.type.endsWith('ArtifactTag') || self.type == 'ExternalArtifact'", """{"type":"GitHubTag","serviceAccountName":"sa"}""", false },
        { "!has(self.certSecretRef) || !(self.type == 'Static' || self.type == 'ExternalArtifact' || self.type.startsWith('AzureDevOps') || self.type.startsWith('AWSCodeCommit') || (self.type.endsWith('ArtifactTag') && self.type != 'OCIArtifactTag'))", """{"type":"ACRArtifactTag","certSecretRef":{"name":"c"}}""", false },
        { "!has(self.certSecretRef) || !(self.type == 'Static' || self.type == 'ExternalArtifact' || self.type.startsWith('AzureDevOps') || self.type.startsWith('AWSCodeCommit') || (self.type.endsWith('ArtifactTag') && self.type != 'OCIArtifactTag'))", """{"type":"OCIArtifactTag","certSecretRef":{"name":"c"}}""", true },
        { "!has(self.secretRef) || !(self.type == 'Static' || self.type == 'ExternalArtifact' || self.type.startsWith('AWSCodeCommit') || (self.type.endsWith('ArtifactTag') && self.type != 'OCIArtifactTag'))", """{"type":"Static","secretRef":{"name":"s"}}""", false },
        { "self.type != 'ExternalArtifact' || (has(self.selectors) && size(self.selectors) > 0)", """{"type":"ExternalArtifact","selectors":[]}""", false },
        { "self.type == 'ExternalArtifact' || !has(self.selectors)", """{"type":"Static","selectors":[{}]}""", false },
        { "!has(self.name) || (!has(self.matchLabels) && !has(self.matchExpressions))", """{"name":"a","matchLabels":{"x":"y"}}""", false },
    };

    [Theory]
    [MemberData(nameof(RsipCases))]
    public void Resourcesetinputprovider_rules(string rule, string self, bool valid) => Assert.Equal(valid, Eval(rule, self));

    [Fact]
    public void Rsip_url_rule_on_a_missing_url_is_an_evaluation_error_not_a_pass()
    {
        // Rule 4 on a GitHub provider without url: the API server reports the rule's error (no such key).
        var e = Assert.Throws<CelEvaluationException>(() => Eval("!self.type.startsWith('Git') || self.url.startsWith('http')", """{"type":"GitHubTag"}"""));
        Assert.Contains("no such key: url", e.Message, StringComparison.Ordinal);
    }

    // ResourceSet dependsOn readyExpr: top-level variables are the fetched object's fields.
    private const string HealthCheck = "status.conditions.filter(c, c.type == 'Ready').all(c, c.status == 'True' && c.observedGeneration == metadata.generation)";

    private static CelValue Ready(string expression, string obj)
    {
        var o = JsonNode.Parse(obj)!.AsObject();
        return CelProgram.Compile(expression).Evaluate(o.ToDictionary(p => p.Key, p => p.Value));
    }

    [Theory]
    [InlineData("""{"metadata":{"generation":2},"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":2}]}}""", true)]
    [InlineData("""{"metadata":{"generation":3},"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":2}]}}""", false)]
    [InlineData("""{"metadata":{"generation":2},"status":{"conditions":[{"type":"Ready","status":"False","observedGeneration":2}]}}""", false)]
    public void Operator_kind_health_check(string obj, bool ready) => Assert.Equal(ready, Ready(HealthCheck, obj).AsBool());

    [Fact]
    public void Health_check_without_conditions_is_an_evaluation_error()
    {
        var e = Assert.Throws<CelEvaluationException>(() => Ready(HealthCheck, """{"metadata":{"generation":1},"status":{}}"""));
        Assert.Contains("no such key: conditions", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("b3BlbmVk", true)]
    [InlineData("Y2xvc2Vk", false)]
    public void Secret_gate_expression_decodes_base64_data(string gate, bool ready) =>
        Assert.Equal(ready, Ready("string(base64.decode(data.gate)) == 'opened'", $$$"""{"apiVersion":"v1","kind":"Secret","data":{"gate":"{{{gate}}}"}}""").AsBool());

    [Fact]
    public void Ready_expression_may_read_optional_fields_and_cross_numeric_types()
    {
        const string obj = """{"status":{"readyReplicas":2.0},"spec":{"replicas":2}}""";
        Assert.True(Ready("status.readyReplicas == spec.replicas", obj).AsBool());
        Assert.True(Ready("status.?availableReplicas.orValue(0) < spec.replicas", obj).AsBool());
    }

    [Fact]
    public void Non_boolean_result_is_reported_by_type()
    {
        var v = Ready("metadata.name", """{"metadata":{"name":"x"}}""");
        Assert.Equal(CelType.String, v.Type);
        Assert.Throws<CelEvaluationException>(() => v.AsBool());
    }

    [Fact]
    public void Program_is_reusable_and_safe_to_evaluate_concurrently()
    {
        var program = CelProgram.Compile("self.items.map(i, i * 2).sum()");
        var results = Enumerable.Range(0, 64).AsParallel().Select(n =>
            program.Evaluate(new Dictionary<string, JsonNode?> { ["self"] = JsonNode.Parse($$"""{"items":[{{n}},1]}""") }).AsInt()).ToArray();
        Assert.Equal(Enumerable.Range(0, 64).Select(n => (long)((n * 2) + 2)), results);
    }
}
