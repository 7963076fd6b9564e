using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The bundle's files, annotations, scorecard and image Dockerfile.</summary>
public sealed partial class BundleStructureTests
{
    private static readonly HashSet<string> SupportedKinds =
    [
        "ClusterServiceVersion", "CustomResourceDefinition", "Secret", "ClusterRole", "ClusterRoleBinding", "ConfigMap",
        "ServiceAccount", "Service", "Role", "RoleBinding", "PrometheusRule", "ServiceMonitor", "PodMonitor",
        "PodDisruptionBudget", "PriorityClass", "VerticalPodAutoscaler", "ConsoleYAMLSample", "ConsoleQuickStart",
        "ConsoleCLIDownload", "ConsoleLink", "ConsolePlugin", "NetworkPolicy",
    ];

    // OpenShift minor → Kubernetes minor.
    private static readonly Dictionary<int, int> OpenShiftToKubernetes = new()
    {
        [9] = 22, [10] = 23, [11] = 24, [12] = 25, [13] = 26, [14] = 27, [15] = 28, [16] = 29, [17] = 30, [18] = 31,
        [19] = 32, [20] = 33, [21] = 34, [22] = 35, [23] = 36,
    };

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Bundle_root_has_manifests_metadata_and_scorecard_folders(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        foreach (var folder in new[] { "manifests", "metadata", Path.Combine("tests", "scorecard") })
        {
            Assert.True(Directory.Exists(Path.Combine(bundle.Directory, folder)), folder);
        }
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Manifests_folder_holds_only_regular_visible_files_with_one_named_object_each(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var manifests = Path.Combine(bundle.Directory, "manifests");
        Assert.Empty(Directory.GetDirectories(manifests));
        Assert.DoesNotContain(Directory.GetFiles(manifests), f => Path.GetFileName(f).StartsWith('.'));
        foreach (var file in Directory.GetFiles(manifests))
        {
            var text = File.ReadAllText(file);
            Assert.False(string.IsNullOrWhiteSpace(text), file);
            Assert.Single(Controllers.Serialization.YamlDocuments.Parse(text));
        }

        Assert.All(bundle.Manifests.Values, m =>
        {
            Assert.False(string.IsNullOrEmpty(m["apiVersion"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(ManifestSet.KindOf(m)));
            Assert.False(string.IsNullOrEmpty(ManifestSet.NameOf(m)));
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Exactly_one_manifest_is_a_csv_and_its_file_name_says_so(string flavour)
    {
        var csvs = BundleUnderTest.Get(flavour).Manifests.Where(m => ManifestSet.KindOf(m.Value) == "ClusterServiceVersion").ToArray();
        var csv = Assert.Single(csvs);
        Assert.EndsWith(".clusterserviceversion.yaml", csv.Key, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Every_manifest_kind_is_installable_by_olm_and_none_is_a_network_policy(string flavour)
    {
        Assert.All(BundleUnderTest.Get(flavour).Manifests.Values, m =>
        {
            Assert.Contains(ManifestSet.KindOf(m), SupportedKinds);
            Assert.NotEqual("NetworkPolicy", ManifestSet.KindOf(m));
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void No_manifest_but_the_csv_sets_a_namespace(string flavour)
    {
        Assert.All(BundleUnderTest.Get(flavour).Manifests.Values.Where(m => ManifestSet.KindOf(m) != "ClusterServiceVersion"),
            m => Assert.Null(m["metadata"]!["namespace"]));
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Crds_are_apiextensions_v1_and_exactly_the_owned_ones_without_duplicate_kinds(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        Assert.All(bundle.Crds, c => Assert.Equal("apiextensions.k8s.io/v1", c["apiVersion"]!.GetValue<string>()));
        var owned = bundle.Spec["customresourcedefinitions"]!["owned"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(owned, bundle.Crds.Select(ManifestSet.NameOf).Order().ToArray());

        var provided = bundle.Crds.SelectMany(c => c["spec"]!["versions"]!.AsArray().Select(v =>
            $"{c["spec"]!["group"]}/{v!["name"]}/{c["spec"]!["names"]!["kind"]}")).ToArray();
        Assert.Equal(provided.Length, provided.Distinct().Count());
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void No_bundled_service_account_shadows_the_one_olm_creates(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var serviceAccount = bundle.PodSpec["serviceAccountName"]!.GetValue<string>();
        Assert.DoesNotContain(bundle.Manifests.Values, m => ManifestSet.KindOf(m) == "ServiceAccount" && ManifestSet.NameOf(m) == serviceAccount);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Compressed_manifests_stay_under_85_percent_of_the_bundle_size_limit(string flavour)
    {
        long total = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(BundleUnderTest.Get(flavour).Directory, "manifests")))
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(File.ReadAllBytes(file));
            }

            total += Convert.ToBase64String(buffer.ToArray()).Length;
        }

        Assert.InRange(total, 1, 891_290);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Annotations_are_all_strings_with_the_bundle_keys_olm_requires(string flavour)
    {
        var annotations = BundleUnderTest.Get(flavour).Annotations;
        Assert.All(annotations, a => Assert.Equal(System.Text.Json.JsonValueKind.String, a.Value!.GetValueKind()));
        var expected = new Dictionary<string, string>
        {
            ["operators.operatorframework.io.bundle.mediatype.v1"] = "registry+v1",
            ["operators.operatorframework.io.bundle.manifests.v1"] = "manifests/",
            ["operators.operatorframework.io.bundle.metadata.v1"] = "metadata/",
            ["operators.operatorframework.io.bundle.package.v1"] = OlmPackage.Name,
            ["operators.operatorframework.io.bundle.channels.v1"] = "stable",
            ["operators.operatorframework.io.bundle.channel.default.v1"] = "stable",
            ["operators.operatorframework.io.test.mediatype.v1"] = "scorecard+v1",
            ["operators.operatorframework.io.test.config.v1"] = "tests/scorecard/",
        };
        Assert.All(expected, e => Assert.Equal(e.Value, annotations[e.Key]?.GetValue<string>()));
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Channels_are_well_named_and_include_the_default(string flavour)
    {
        var annotations = BundleUnderTest.Get(flavour).Annotations;
        var channels = annotations["operators.operatorframework.io.bundle.channels.v1"]!.GetValue<string>();
        Assert.DoesNotContain(' ', channels);
        var list = channels.Split(',');
        Assert.All(list, c => Assert.Matches("^(stable|fast|candidate)", c));
        Assert.Contains(annotations["operators.operatorframework.io.bundle.channel.default.v1"]!.GetValue<string>(), list);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void OpenShift_range_is_well_formed_and_its_oldest_release_ships_at_least_min_kube_version(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var range = bundle.Annotations["com.redhat.openshift.versions"]!.GetValue<string>();
        var match = OpenShiftRange().Match(range);
        Assert.True(match.Success, range);
        var lower = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (match.Groups[2].Success)
        {
            Assert.True(lower <= int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), range);
        }

        var minKube = Version.Parse(bundle.Spec["minKubeVersion"]!.GetValue<string>());
        Assert.True(new Version(1, OpenShiftToKubernetes[lower], 0) >= minKube, $"OpenShift 4.{lower} is older than Kubernetes {minKube}");
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Scorecard_configuration_runs_each_static_test_once(string flavour)
    {
        var scorecard = BundleUnderTest.Get(flavour).Scorecard;
        Assert.Equal("scorecard.operatorframework.io/v1alpha3", scorecard["apiVersion"]!.GetValue<string>());
        Assert.Equal("Configuration", scorecard["kind"]!.GetValue<string>());
        var tests = scorecard["stages"]!.AsArray().SelectMany(s => s!["tests"]!.AsArray()).Select(t => t!.AsObject()).ToArray();
        Assert.NotEmpty(tests);
        Assert.All(tests, t =>
        {
            Assert.False(string.IsNullOrEmpty(t["image"]?.GetValue<string>()));
            Assert.Equal("scorecard-test", t["entrypoint"]![0]!.GetValue<string>());
        });
        var keys = tests.Select(t => t["entrypoint"]!.ToJsonString() + t["labels"]!.ToJsonString()).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Bundle_dockerfile_labels_equal_the_annotations_and_it_copies_the_three_folders(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var lines = File.ReadAllLines(Path.Combine(bundle.Directory, "bundle.Dockerfile"));
        var labels = lines.Select(l => DockerLabel().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(bundle.Annotations.Select(a => a.Key).Order(), labels.Keys.Order());
        Assert.All(labels, l => Assert.Equal(bundle.Annotations[l.Key]!.GetValue<string>(), l.Value));
        Assert.Contains("FROM scratch", lines);
        Assert.Contains("COPY manifests /manifests/", lines);
        Assert.Contains("COPY metadata /metadata/", lines);
        Assert.Contains("COPY tests/scorecard /tests/scorecard/", lines);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Bundle_folder_is_named_after_the_csv_version(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        Assert.Equal(Path.GetFileName(bundle.Directory), bundle.Spec["version"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void No_dependencies_file_keeps_the_bundle_installable_by_olm_v1(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        Assert.False(File.Exists(Path.Combine(bundle.Directory, "metadata", "dependencies.yaml")));
        Assert.Null(bundle.Spec["customresourcedefinitions"]!["required"]);
        Assert.Null(bundle.Spec["webhookdefinitions"]);
    }

    [GeneratedRegex(@"^=?v4\.(\d+)(?:-v4\.(\d+))?$")]
    private static partial Regex OpenShiftRange();

    [GeneratedRegex("^LABEL ([^=]+)=\"([^\"]*)\"$")]
    private static partial Regex DockerLabel();
}
