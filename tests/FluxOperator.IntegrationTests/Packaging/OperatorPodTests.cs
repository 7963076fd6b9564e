using System.Text.Json.Nodes;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The operator's own pod (config/manager and the CSV deployment): restricted-v2 and the runtime contract.</summary>
public sealed class OperatorPodTests
{
    private static JsonObject ConfigDeployment =>
        ManifestSet.FromKustomization(Path.Combine(PackagingPaths.ConfigRoot, "default")).Single("Deployment", "flux-operator");

    public static TheoryData<string> PodSources => new() { "config/manager", "bundle committed", "bundle openshift" };

    [Theory, MemberData(nameof(PodSources))]
    public void Operator_pod_is_admitted_by_restricted_v2_unchanged(string source)
    {
        Assert.Empty(RestrictedV2.Violations(PodSpec(source)));
    }

    [Theory, MemberData(nameof(PodSources))]
    public void Operator_pod_sets_no_pod_security_context_and_a_hardened_container_context(string source)
    {
        var pod = PodSpec(source);
        Assert.Null(pod["securityContext"]);
        var context = pod["containers"]![0]!["securityContext"]!;
        Assert.True(context["runAsNonRoot"]!.GetValue<bool>());
        Assert.True(context["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Equal("RuntimeDefault", context["seccompProfile"]!["type"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(PodSources))]
    public void Operator_pod_gets_its_namespace_a_writable_tmp_and_health_probes(string source)
    {
        var pod = PodSpec(source);
        var container = pod["containers"]![0]!.AsObject();
        var env = container["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!);
        Assert.Equal("metadata.namespace", env["RUNTIME_NAMESPACE"]["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());

        // A read-only root and an arbitrary UID: the .NET runtime must write under the emptyDir.
        Assert.Equal("/tmp", env["HOME"]["value"]!.GetValue<string>());
        Assert.Equal("/tmp", env["TMPDIR"]["value"]!.GetValue<string>());
        var mount = container["volumeMounts"]!.AsArray().Single(m => m!["mountPath"]!.GetValue<string>() == "/tmp")!;
        var volume = pod["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == mount["name"]!.GetValue<string>())!;
        Assert.NotNull(volume["emptyDir"]);

        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(8081, container["livenessProbe"]!["httpGet"]!["port"]!.GetValue<long>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(8081, container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("runAsUser", "1000")]
    [InlineData("fsGroup", "1337")]
    public void Restricted_v2_check_rejects_a_fixed_pod_identity(string field, string value)
    {
        var pod = (JsonObject)PodSpec("config/manager").DeepClone();
        pod["securityContext"] = new JsonObject { [field] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Contains(RestrictedV2.Violations(pod), v => v.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Restricted_v2_check_rejects_host_paths_and_added_capabilities()
    {
        var pod = (JsonObject)PodSpec("config/manager").DeepClone();
        pod["volumes"]!.AsArray().Add(new JsonObject { ["name"] = "host", ["hostPath"] = new JsonObject { ["path"] = "/" } });
        pod["containers"]![0]!["securityContext"]!["capabilities"]!["add"] = new JsonArray("SYS_ADMIN");
        var violations = RestrictedV2.Violations(pod);
        Assert.Contains(violations, v => v.Contains("hostPath", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("SYS_ADMIN", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_deployment_is_the_config_deployment_with_the_olm_adjustments_only()
    {
        var config = (JsonObject)ConfigDeployment["spec"]!.DeepClone();
        var csv = (JsonObject)BundleUnderTest.Get("committed").Deployment["spec"]!.DeepClone();
        var configContainer = config["template"]!["spec"]!["containers"]![0]!.AsObject();
        var csvContainer = csv["template"]!["spec"]!["containers"]![0]!.AsObject();

        Assert.Contains("--default-service-account=flux-operator", csvContainer["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("2Gi", csvContainer["resources"]!["limits"]!["memory"]!.GetValue<string>());
        foreach (var adjusted in new[] { "args", "image", "resources" })
        {
            configContainer.Remove(adjusted);
            csvContainer.Remove(adjusted);
        }

        Assert.True(JsonNode.DeepEquals(config, csv), "the CSV deployment differs from config/manager beyond args, image and resources");
    }

    private static JsonObject PodSpec(string source) => source switch
    {
        "config/manager" => ConfigDeployment["spec"]!["template"]!["spec"]!.AsObject(),
        "bundle committed" => BundleUnderTest.Get("committed").PodSpec,
        "bundle openshift" => BundleUnderTest.Get("openshift").PodSpec,
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
