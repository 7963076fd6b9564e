using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Templating;
using static FluxOperator.Controllers.Tests.ResourceSets.Building.BuildFixtures;

namespace FluxOperator.Controllers.Tests.ResourceSets.Building;

/// <summary>The build pipeline: golden examples, dedup, exclusion, steps and every error message.</summary>
public class ResourceSetBuildTests
{
    private const string Tenants = """
        - {tenant: team1, domain: t1.example.com, semver: ">=1.0.0-rc.0", replicas: "2"}
        - {tenant: team2, domain: t2.example.com, semver: ">=1.0.0", replicas: "3"}
        """;

    private const string SlugifyResources = """
        - apiVersion: source.toolkit.fluxcd.io/v1beta2
          kind: OCIRepository
          metadata:
            name: << inputs.tenant >>-app1
            namespace: apps
            labels:
              app.kubernetes.io/semver: << inputs.semver | slugify >>
          spec:
            interval: 10m
            url: oci://ghcr.io/org/charts/app1
            ref:
              semver: << inputs.semver | quote >>
        - apiVersion: helm.toolkit.fluxcd.io/v2
          kind: HelmRelease
          metadata:
            name: << inputs.tenant >>-app1
            namespace: apps
            labels:
              replicas: << inputs.replicas | quote >>
          spec:
            interval: 1h
            releaseName: << inputs.tenant >>-app1
            chartRef: {kind: OCIRepository, name: << inputs.tenant >>-app1}
            values:
              domain: << inputs.domain >>
              replicas: << inputs.replicas | int >>
        """;

    [Fact]
    public void Slugify_quote_and_int_golden_keeps_types()
    {
        var objects = Build(null, SlugifyResources, Tenants);
        Assert.Equal(["OCIRepository apps/team1-app1", "OCIRepository apps/team2-app1", "HelmRelease apps/team1-app1", "HelmRelease apps/team2-app1"],
            objects.Select(Id));
        Assert.Equal("\"1-0-0-rc-0\"", Path(objects[0], "metadata:labels:app.kubernetes.io/semver"));
        Assert.Equal("\">=1.0.0-rc.0\"", Path(objects[0], "spec:ref:semver"));
        Assert.Equal("\"1-0-0\"", Path(objects[1], "metadata:labels:app.kubernetes.io/semver"));
        Assert.Equal("\"2\"", Path(objects[2], "metadata:labels:replicas"));
        Assert.Equal("2", Path(objects[2], "spec:values:replicas"));
        Assert.Equal("\"t1.example.com\"", Path(objects[2], "spec:values:domain"));
        Assert.Equal("3", Path(objects[3], "spec:values:replicas"));
        Assert.Equal("\"team2-app1\"", Path(objects[3], "spec:chartRef:name"));
    }

    [Fact]
    public void Shared_objects_are_emitted_once()
    {
        var objects = Build(null, """
            - {apiVersion: source.toolkit.fluxcd.io/v1, kind: OCIRepository, metadata: {name: app1, namespace: apps}}
            - {apiVersion: helm.toolkit.fluxcd.io/v2, kind: HelmRelease, metadata: {name: "app1-<< inputs.tenant >>", namespace: apps}}
            """, Tenants);
        Assert.Equal(["OCIRepository apps/app1", "HelmRelease apps/app1-team1", "HelmRelease apps/app1-team2"], objects.Select(Id));
    }

    [Fact]
    public void Objects_annotated_reconcile_disabled_are_excluded()
    {
        var objects = Build(null, """
            - {apiVersion: v1, kind: Namespace, metadata: {name: "<< inputs.tenant >>"}}
            - {apiVersion: v1, kind: ServiceAccount, metadata: {name: flux, namespace: "<< inputs.tenant >>"}}
            - {apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: flux, namespace: "<< inputs.tenant >>"}}
            - apiVersion: rbac.authorization.k8s.io/v1
              kind: ClusterRoleBinding
              metadata:
                name: flux-<< inputs.tenant >>
                annotations:
                  fluxcd.controlplane.io/reconcile: << if eq inputs.role "cluster-admin" >>enabled<< else >>disabled<< end >>
            """, "[{tenant: sre, role: cluster-admin}, {tenant: dev, role: namespace-admin}]");
        Assert.Equal(["Namespace sre", "Namespace dev", "ServiceAccount sre/flux", "ServiceAccount dev/flux", "RoleBinding sre/flux",
            "RoleBinding dev/flux", "ClusterRoleBinding flux-sre"], objects.Select(Id));
        Assert.Equal("\"enabled\"", Path(objects[6], "metadata:annotations:fluxcd.controlplane.io/reconcile"));
    }

    [Fact]
    public void Nested_inputs_render_through_toYaml_and_nindent()
    {
        var objects = Build(null, """
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: configmap1}, data: "<< inputs.foo.bar | toYaml | nindent 2 >>"}
            """, "[{foo: {bar: {k1: v1, k2: v2}}}]");
        Assert.Equal("{\"k1\":\"v1\",\"k2\":\"v2\"}", Path(objects[0], "data"));
    }

    [Fact]
    public void Multi_document_template_renders_range_and_if_per_input()
    {
        var template = """
            ---
            apiVersion: source.toolkit.fluxcd.io/v1beta2
            kind: OCIRepository
            metadata:
              name: << inputs.bundle >>
              namespace: flux-system
            spec:
              interval: 10m
              url: oci://registry.example.com/<< inputs.bundle >>
              ref:
                tag: latest
            <<- range $app := inputs.apps >>
            ---
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: << $app >>
              namespace: flux-system
            spec:
              interval: 10m
              prune: true
              <<- if inputs.decryption >>
              decryption:
                provider: sops
                secretRef:
                  name: << inputs.bundle >>-sops
              <<- end >>
              sourceRef:
                kind: OCIRepository
                name: << inputs.bundle >>
              path: ./<< $app >>
            <<- end >>
            """;
        var objects = Build(template, inputsYaml: """
            - {bundle: addons, decryption: false, apps: [ingress-nginx, cert-manager]}
            - {bundle: apps, decryption: true, apps: [frontend, backend]}
            """);
        Assert.Equal(["OCIRepository flux-system/addons", "Kustomization flux-system/ingress-nginx", "Kustomization flux-system/cert-manager",
            "OCIRepository flux-system/apps", "Kustomization flux-system/frontend", "Kustomization flux-system/backend"], objects.Select(Id));
        Assert.Equal("missing", Path(objects[2], "spec:decryption"));
        Assert.Equal("\"sops\"", Path(objects[4], "spec:decryption:provider"));
        Assert.Equal("\"apps-sops\"", Path(objects[5], "spec:decryption:secretRef:name"));
        Assert.Equal("true", Path(objects[5], "spec:prune"));
        Assert.Equal("\"./backend\"", Path(objects[5], "spec:path"));
    }

    [Fact]
    public void Without_inputs_items_render_once_verbatim_and_are_neither_deduplicated_nor_filtered()
    {
        var resources = """
            - {apiVersion: source.toolkit.fluxcd.io/v1, kind: OCIRepository, metadata: {name: app1, namespace: apps}, spec: {interval: 10m, url: "oci://x/y"}}
            - {apiVersion: helm.toolkit.fluxcd.io/v2, kind: HelmRelease, metadata: {name: app1, namespace: apps}}
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: same, annotations: {fluxcd.controlplane.io/reconcile: disabled}}}
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: same, annotations: {fluxcd.controlplane.io/reconcile: disabled}}}
            """;
        var objects = Build(null, resources);
        Assert.Equal(["OCIRepository apps/app1", "HelmRelease apps/app1", "ConfigMap same", "ConfigMap same"], objects.Select(Id));
        Assert.Equal(CanonicalJsonOf(Objects(resources)[0]), CanonicalJsonOf(objects[0]));
        // Template documents are still filtered without inputs.
        Assert.Empty(Build("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, annotations: {fluxcd.controlplane.io/reconcile: disabled}}"));
    }

    private static string CanonicalJsonOf(System.Text.Json.Nodes.JsonNode node) => TestSupport.CanonicalJson.Of(node);

    [Fact]
    public void Nothing_to_render_gives_no_objects() => Assert.Empty(Build(null));

    [Fact]
    public void An_unquoted_operator_in_a_value_is_invalid_yaml()
    {
        var message = BuildError(null, "[{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {semver: \"<< inputs.semver >>\"}}]",
            "[{tenant: team1, semver: \">=1.0.0-rc.0\"}]");
        Assert.StartsWith("failed to build resources[0]: failed to read object: error converting YAML to JSON: yaml: line ", message);
    }

    [Fact]
    public void A_missing_key_names_the_key_and_the_node()
    {
        var message = BuildError(null, SlugifyResources, "[{tenant: team1, domain: d, semver: \"1\", replicas: \"1\"}, {tenant: team2, domain: d, replicas: \"1\"}]");
        Assert.StartsWith("failed to build resources[0]: failed to execute template: template: resourceset:", message);
        Assert.EndsWith("executing \"resourceset\" at <inputs>: map has no entry for key \"semver\"", message);
    }

    [Fact]
    public void The_missing_key_position_is_line_and_byte_column_of_the_generated_yaml()
    {
        var message = BuildError(null, "[{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {a: \"<< inputs.nope >>\"}}]", "[{a: 1}]");
        Assert.Equal("failed to build resources[0]: failed to execute template: template: resourceset:3:8: executing \"resourceset\" at <inputs>: map has no entry for key \"nope\"", message);
    }

    [Theory]
    [InlineData("name: << invalidFunc inputs.tenant >>-readonly", "failed to build resources: failed to parse multi-doc YAML template: template: resourceset:1: function \"invalidFunc\" not defined")]
    [InlineData("<< fail \"stop\" >>", "failed to build resources: failed to execute multi-doc YAML template: template: resourceset:1:3: executing \"resourceset\" at <fail \"stop\">: error calling fail: stop")]
    [InlineData("apiVersion: v1\nmetadata: {name: x}", "failed to build resources: failed to read objects from multi-doc YAML: Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}'")]
    [InlineData("# only a comment\n", "failed to build resources: failed to read objects from multi-doc YAML: Object 'Kind' is missing in 'null'")]
    [InlineData("- a\n- b", "failed to build resources: failed to read objects from multi-doc YAML: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("--- x\nkind: A", "failed to build resources: failed to read objects from multi-doc YAML: invalid Yaml document separator: x")]
    public void Template_errors_name_the_stage(string template, string expected) =>
        Assert.Equal(expected, BuildError(template, inputsYaml: "[{tenant: t}]"));

    [Fact]
    public void Without_inputs_errors_say_resource()
    {
        Assert.StartsWith("failed to build resource: failed to execute template:", BuildError(null, "[{apiVersion: v1, kind: A, metadata: {name: \"<< inputs.x >>\"}}]"));
        Assert.StartsWith("failed to build resource: failed to execute multi-doc YAML template:", BuildError("<< inputs.x >>"));
    }

    [Fact]
    public void Documents_without_api_version_or_name_and_kustomize_files_are_dropped_lists_are_expanded()
    {
        var objects = Build("""
            ---
            ---
            kind: ConfigMap
            metadata: {name: no-version}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {namespace: x}
            ---
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            metadata: {name: k}
            ---
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
            - {apiVersion: v1, kind: Secret, metadata: {name: b}}
            """);
        Assert.Equal(["ConfigMap a", "Secret b"], objects.Select(Id));
    }

    [Fact]
    public void Output_starting_with_a_brace_is_json_as_kubernetes_sniffs_it()
    {
        Assert.StartsWith("failed to build resource: failed to read objects from multi-doc YAML: ",
            BuildError("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"));
    }

    [Fact]
    public void Json_output_is_read_as_a_stream_of_values()
    {
        var objects = Build("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}} {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}""");
        Assert.Equal(["ConfigMap a", "ConfigMap b"], objects.Select(Id));
    }

    [Fact]
    public void A_separator_inside_a_json_string_does_not_split_documents()
    {
        var objects = Build(null, "[{apiVersion: v1, kind: ConfigMap, metadata: {name: \"cm-<< inputs.id >>\"}, data: {test.json: \"<< inputs.config | toJson >>\"}}]",
            """
            - {id: "1", config: {test.json: "{\n  \"separator\": \"---\"\n}\n"}}
            - {id: "2", config: {test.json: "{\n  \"separator\": \"---\"\n}\n"}}
            """);
        Assert.Equal(["ConfigMap cm-1", "ConfigMap cm-2"], objects.Select(Id));
    }

    [Theory]
    [InlineData("yes", "true")]
    [InlineData("on", "true")]
    [InlineData("\"yes\"", "\"yes\"")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("017", "15")]
    [InlineData("1_000", "1000")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5", "1.5")]
    [InlineData("2.0", "2")]
    [InlineData("1e21", "1E+21")]
    [InlineData("~", "null")]
    [InlineData("2024-01-01", "\"2024-01-01T00:00:00Z\"")]
    [InlineData("1:20", "\"1:20\"")]
    [InlineData("6.0.4", "\"6.0.4\"")]
    public void Rendered_yaml_is_typed_by_yaml_1_1_rules(string text, string json)
    {
        var objects = Build($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: x}}\nvalue: {text}\n");
        Assert.Equal(json, Path(objects[0], "value"));
    }

    [Fact]
    public void Rendered_yaml_supports_anchors_and_merge_keys()
    {
        var objects = Build("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nbase: &b {a: 1, b: 2}\nderived:\n  << \"<<\" >>: *b\n  b: 3\ncopy: *b\n");
        Assert.Equal("{\"a\":1,\"b\":3}", Path(objects[0], "derived"));
        Assert.Equal("{\"a\":1,\"b\":2}", Path(objects[0], "copy"));
    }

    [Fact]
    public void Dedup_ignores_the_api_version_and_first_occurrence_wins()
    {
        var objects = Build("""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: app, namespace: apps}
            spec: {from: template}
            """, "[{apiVersion: helm.toolkit.fluxcd.io/v2beta2, kind: HelmRelease, metadata: {name: app, namespace: apps}, spec: {from: resources}}]",
            "[{x: 1}]");
        Assert.Single(objects);
        Assert.Equal("\"resources\"", Path(objects[0], "spec:from"));
    }

    private static ResourceSetStep Step(string name, string? template, string resources = "[]") => new(name, template, Objects(resources));

    [Fact]
    public void Steps_golden_keeps_order_precedence_and_empty_steps()
    {
        var steps = new[]
        {
            Step("pre-deploy", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: db-migration-<< inputs.tenant >>, namespace: apps}"),
            Step("deploy", """
                ---
                {apiVersion: v1, kind: ConfigMap, metadata: {name: app-config, namespace: apps}, data: {source: template}}
                ---
                {apiVersion: v1, kind: ConfigMap, metadata: {name: app-config-<< inputs.tenant >>, namespace: apps}}
                """, "[{apiVersion: v1, kind: ConfigMap, metadata: {name: app-config, namespace: apps}, data: {source: resources}}]"),
            Step("post-deploy", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: smoke-test-<< inputs.tenant >>
                  namespace: apps
                  annotations:
                    fluxcd.controlplane.io/reconcile: << if eq inputs.tenant "team1" >>enabled<< else >>disabled<< end >>
                """),
            Step("cleanup", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: c-<< inputs.tenant >>, namespace: apps, annotations: {fluxcd.controlplane.io/reconcile: disabled}}"),
        };
        var built = ResourceSetBuild.BuildSteps(steps, Objects("[{tenant: team1}, {tenant: team2}]"), TemplateLimits.Default, CancellationToken.None);
        Assert.Equal(["pre-deploy", "deploy", "post-deploy", "cleanup"], built.Select(s => s.Name));
        Assert.Equal(["Job apps/db-migration-team1", "Job apps/db-migration-team2"], built[0].Objects.Select(Id));
        Assert.Equal(["ConfigMap apps/app-config", "ConfigMap apps/app-config-team1", "ConfigMap apps/app-config-team2"], built[1].Objects.Select(Id));
        Assert.Equal("\"resources\"", Path(built[1].Objects[0], "data:source"));
        Assert.Equal(["Job apps/smoke-test-team1"], built[2].Objects.Select(Id));
        Assert.Equal("\"enabled\"", Path(built[2].Objects[0], "metadata:annotations:fluxcd.controlplane.io/reconcile"));
        Assert.Empty(built[3].Objects);
    }

    [Fact]
    public void Steps_without_inputs_render_each_once()
    {
        var built = ResourceSetBuild.BuildSteps(
            [Step("pre-deploy", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: db-migration}"),
             Step("deploy", null, "[{apiVersion: v1, kind: ConfigMap, metadata: {name: app-config}}]")],
            [], TemplateLimits.Default, CancellationToken.None);
        Assert.Equal(["Job db-migration"], built[0].Objects.Select(Id));
        Assert.Equal(["ConfigMap app-config"], built[1].Objects.Select(Id));
    }

    [Theory]
    [InlineData("v1", "ConfigMap", "v1", "ConfigMap", "duplicate resource ConfigMap/apps/app-config in step \"deploy\", already defined in step \"pre-deploy\"")]
    [InlineData("helm.toolkit.fluxcd.io/v2beta2", "HelmRelease", "helm.toolkit.fluxcd.io/v2", "HelmRelease", "duplicate resource HelmRelease/apps/app-config in step \"deploy\", already defined in step \"pre-deploy\"")]
    public void A_key_repeated_in_a_later_step_is_an_error(string v1, string k1, string v2, string k2, string expected)
    {
        var steps = new[]
        {
            Step("pre-deploy", null, $"[{{apiVersion: {v1}, kind: {k1}, metadata: {{name: app-config, namespace: apps}}}}]"),
            Step("deploy", null, $"[{{apiVersion: {v2}, kind: {k2}, metadata: {{name: app-config, namespace: apps}}}}]"),
        };
        var e = Assert.Throws<ResourceSetBuildException>(() => ResourceSetBuild.BuildSteps(steps, [], TemplateLimits.Default, CancellationToken.None));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Cluster_scoped_duplicates_name_kind_and_name_and_step_errors_are_prefixed()
    {
        var steps = new[] { Step("a", null, "[{apiVersion: v1, kind: Namespace, metadata: {name: n}}]"), Step("b", null, "[{apiVersion: v1, kind: Namespace, metadata: {name: n}}]") };
        Assert.Equal("duplicate resource Namespace/n in step \"b\", already defined in step \"a\"",
            Assert.Throws<ResourceSetBuildException>(() => ResourceSetBuild.BuildSteps(steps, [], TemplateLimits.Default, CancellationToken.None)).Message);
        var broken = new[] { Step("deploy", "<< nope >>") };
        Assert.Equal("step \"deploy\": failed to build resource: failed to parse multi-doc YAML template: template: resourceset:1: function \"nope\" not defined",
            Assert.Throws<ResourceSetBuildException>(() => ResourceSetBuild.BuildSteps(broken, [], TemplateLimits.Default, CancellationToken.None)).Message);
    }

    [Fact]
    public void Duplicates_inside_one_step_without_inputs_are_kept()
    {
        var built = ResourceSetBuild.BuildSteps([Step("s", null, "[{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}, {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}]")],
            [], TemplateLimits.Default, CancellationToken.None);
        Assert.Single(built);
        Assert.Equal(2, built[0].Objects.Count);
    }

    [Fact]
    public void Validation_mirrors_the_crd_rules()
    {
        Assert.Equal("step \"deploy\": at least one of resources or resourcesTemplate must be set",
            ResourceSetBuild.Validate(null, [], [new ResourceSetStep("deploy", null, [])]));
        Assert.Equal("spec.steps is mutually exclusive with spec.resources and spec.resourcesTemplate",
            ResourceSetBuild.Validate("x", [], [new ResourceSetStep("deploy", "y", [])]));
        Assert.Null(ResourceSetBuild.Validate("x", [], []));
    }
}
