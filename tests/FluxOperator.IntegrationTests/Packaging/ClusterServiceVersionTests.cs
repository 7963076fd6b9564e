using System.Net.Mail;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The ClusterServiceVersion's identity, listing fields and install strategy.</summary>
public sealed partial class ClusterServiceVersionTests
{
    private static readonly HashSet<string> SafeCategories =
    [
        "AI/Machine Learning", "Application Runtime", "Big Data", "Cloud Provider", "Developer Tools", "Database",
        "Integration & Delivery", "Logging & Tracing", "Monitoring", "Modernization & Migration", "Networking",
        "OpenShift Optional", "Security", "Storage", "Streaming & Messaging",
    ];

    private static readonly string[] RequiredFeatures =
        ["disconnected", "fips-compliant", "proxy-aware", "tls-profiles", "token-auth-aws", "token-auth-azure", "token-auth-gcp"];

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Csv_is_an_operators_coreos_com_v1alpha1_cluster_service_version(string flavour)
    {
        var csv = BundleUnderTest.Get(flavour).Csv;
        Assert.Equal("operators.coreos.com/v1alpha1", csv["apiVersion"]!.GetValue<string>());
        Assert.Equal("ClusterServiceVersion", csv["kind"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Csv_name_is_package_dot_v_version_and_a_valid_label_value(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var name = ManifestSet.NameOf(bundle.Csv);
        Assert.Equal(OlmPackage.Name + ".v" + bundle.Spec["version"]!.GetValue<string>(), name);
        Assert.InRange(name.Length, 1, 63);
        Assert.Matches(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", name);
        Assert.Equal(2, name.Split(".v").Length);
        Assert.Equal(bundle.Annotations["operators.operatorframework.io.bundle.package.v1"]!.GetValue<string>(), name[..name.IndexOf('.', StringComparison.Ordinal)]);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Version_and_min_kube_version_are_strict_semver_strings(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var version = bundle.Spec["version"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, version.GetValueKind());
        Assert.Matches(StrictSemver(), version.GetValue<string>());
        Assert.NotEqual("0.0.0", version.GetValue<string>());
        Assert.Null(bundle.Spec["replaces"]);
        Assert.Equal("1.22.0", bundle.Spec["minKubeVersion"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Listing_fields_meet_the_operatorhub_lengths(string flavour)
    {
        var spec = BundleUnderTest.Get(flavour).Spec;
        Assert.InRange(spec["displayName"]!.GetValue<string>().Length, 3, 50);
        Assert.True(spec["description"]!.GetValue<string>().Length >= 20);
        Assert.True(spec["provider"]!["name"]!.GetValue<string>().Length >= 3);
        var keywords = spec["keywords"]!.AsArray();
        Assert.NotEmpty(keywords);
        Assert.All(keywords, k => Assert.False(string.IsNullOrWhiteSpace(k!.GetValue<string>())));
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Maintainers_have_names_and_parseable_emails(string flavour)
    {
        var maintainers = BundleUnderTest.Get(flavour).Spec["maintainers"]!.AsArray();
        Assert.NotEmpty(maintainers);
        Assert.All(maintainers, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m!["name"]!.GetValue<string>()));
            Assert.True(MailAddress.TryCreate(m["email"]!.GetValue<string>(), out _));
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Links_are_named_absolute_http_urls(string flavour)
    {
        var links = BundleUnderTest.Get(flavour).Spec["links"]!.AsArray();
        Assert.NotEmpty(links);
        Assert.All(links, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l!["name"]!.GetValue<string>()));
            Assert.True(Uri.TryCreate(l["url"]!.GetValue<string>(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Icon_is_one_strictly_encoded_image_of_its_declared_type(string flavour)
    {
        var icon = Assert.Single(BundleUnderTest.Get(flavour).Spec["icon"]!.AsArray())!;
        var mediaType = icon["mediatype"]!.GetValue<string>();
        Assert.Contains(mediaType, new[] { "image/png", "image/jpeg", "image/gif", "image/svg+xml" });
        var data = icon["base64data"]!.GetValue<string>();
        Assert.True(data.Length >= 4);
        var bytes = Convert.FromBase64String(data);
        var signature = mediaType switch
        {
            "image/png" => bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            "image/jpeg" => bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            "image/gif" => bytes.AsSpan().StartsWith("GIF8"u8),
            _ => System.Text.Encoding.UTF8.GetString(bytes).TrimStart().StartsWith("<svg", StringComparison.Ordinal)
                 || System.Text.Encoding.UTF8.GetString(bytes).TrimStart().StartsWith("<?xml", StringComparison.Ordinal),
        };
        Assert.True(signature, $"icon bytes are not {mediaType}");
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Capabilities_and_categories_are_values_every_catalog_accepts(string flavour)
    {
        var annotations = BundleUnderTest.Get(flavour).CsvAnnotations;
        Assert.Contains(annotations["capabilities"]!.GetValue<string>(),
            new[] { "Basic Install", "Seamless Upgrades", "Full Lifecycle", "Deep Insights", "Auto Pilot" });
        Assert.All(annotations["categories"]!.GetValue<string>().Split(','), c => Assert.Contains(c.Trim(), SafeCategories));
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Pipeline_annotations_have_the_required_shapes(string flavour)
    {
        var annotations = BundleUnderTest.Get(flavour).CsvAnnotations;
        Assert.Matches(@"^([^/]+/)+[^/:]+:.+$", annotations["containerImage"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", annotations["createdAt"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(annotations["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var created) && created.Offset == TimeSpan.Zero);
        Assert.Matches("^https?://", annotations["repository"]!.GetValue<string>());
        Assert.True(annotations["support"]!.GetValue<string>().Length >= 3);
        Assert.True(annotations["description"]!.GetValue<string>().Length >= 10);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Csv_file_quotes_created_at_so_yaml_1_1_readers_keep_a_string(string flavour)
    {
        var text = File.ReadAllText(Path.Combine(BundleUnderTest.Get(flavour).Directory, BundleRenderer.CsvFile));
        Assert.Matches(new Regex(@"^\s+createdAt: '[^']+'$", RegexOptions.Multiline), text);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Olm_runtime_annotations_are_never_set_in_any_spelling(string flavour)
    {
        var keys = BundleUnderTest.Get(flavour).CsvAnnotations.Select(a => a.Key).ToArray();
        Assert.DoesNotContain("olm.examples", keys);
        Assert.DoesNotContain("olm.properties", keys);
        foreach (var reserved in new[] { "olm.operatorGroup", "olm.operatorNamespace", "olm.targetNamespaces", "olm.providedAPIs", "olm.skipRange" })
        {
            Assert.DoesNotContain(keys, k => string.Equals(k, reserved, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Install_modes_support_own_and_all_namespaces_only(string flavour)
    {
        var modes = BundleUnderTest.Get(flavour).Spec["installModes"]!.AsArray()
            .ToDictionary(m => m!["type"]!.GetValue<string>(), m => m!["supported"]!.GetValue<bool>());
        Assert.Equal(4, modes.Count);
        Assert.True(modes["OwnNamespace"]);
        Assert.True(modes["AllNamespaces"]);
        Assert.False(modes["SingleNamespace"]);
        Assert.False(modes["MultiNamespace"]);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Install_strategy_is_one_flux_operator_deployment_with_requests(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        Assert.Equal("deployment", bundle.Spec["install"]!["strategy"]!.GetValue<string>());
        var deployment = Assert.Single(bundle.Spec["install"]!["spec"]!["deployments"]!.AsArray())!;
        Assert.Equal("flux-operator", deployment["name"]!.GetValue<string>());
        Assert.All(bundle.PodSpec["containers"]!.AsArray(), c =>
        {
            Assert.NotNull(c!["resources"]?["requests"]?["cpu"]);
            Assert.NotNull(c["resources"]?["requests"]?["memory"]);
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Selectors_of_the_deployment_and_the_service_match_the_pod_labels(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var podLabels = bundle.Deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var service = bundle.Manifests.Values.Single(m => ManifestSet.KindOf(m) == "Service");
        foreach (var selector in new[] { bundle.Deployment["spec"]!["selector"]!["matchLabels"]!.AsObject(), service["spec"]!["selector"]!.AsObject() })
        {
            Assert.NotEmpty(selector);
            Assert.All(selector, l => Assert.Equal(l.Value!.GetValue<string>(), podLabels[l.Key]?.GetValue<string>()));
        }
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Permissions_belong_to_the_deployment_service_account_and_name_verbs(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var serviceAccount = bundle.PodSpec["serviceAccountName"]!.GetValue<string>();
        var permissions = new[] { "clusterPermissions", "permissions" }
            .SelectMany(k => bundle.Spec["install"]!["spec"]![k]?.AsArray() ?? []).ToArray();
        Assert.NotEmpty(permissions);
        Assert.All(permissions, p =>
        {
            Assert.Equal(serviceAccount, p!["serviceAccountName"]!.GetValue<string>());
            Assert.All(p["rules"]!.AsArray(), r => Assert.NotEmpty(r!["verbs"]!.AsArray()));
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void No_rule_touches_default_sccs_or_pod_security_policies(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var rules = new[] { "clusterPermissions", "permissions" }
            .SelectMany(k => bundle.Spec["install"]!["spec"]![k]?.AsArray() ?? [])
            .SelectMany(p => p!["rules"]!.AsArray()).Select(r => r!.AsObject()).ToArray();
        foreach (var rule in rules)
        {
            var groups = Strings(rule["apiGroups"]);
            var resources = Strings(rule["resources"]);
            Assert.False(groups.Contains("policy") && resources.Contains("podsecuritypolicies"));
            var names = Strings(rule["resourceNames"]);
            var touchesScc = groups.Contains("security.openshift.io") && resources.Contains("securitycontextconstraints");
            Assert.False(touchesScc && names.Intersect(["privileged", "restricted", "anyuid", "hostaccess", "hostmount-anyuid", "hostnetwork", "node-exporter", "nonroot"]).Any());
        }
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Container_image_annotation_is_the_deployment_image_pinned_as_the_flavour_requires(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var image = bundle.PodSpec["containers"]![0]!["image"]!.GetValue<string>();
        Assert.Equal(image, bundle.CsvAnnotations["containerImage"]!.GetValue<string>());
        var version = bundle.Spec["version"]!.GetValue<string>();
        Assert.Equal(flavour == "openshift" ? $"{OlmPackage.OperatorImage}@{BundleUnderTest.TestOperatorDigest}" : $"{OlmPackage.OperatorImage}:v{version}", image);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Related_images_are_pinned_by_digest_and_cover_the_deployment_when_disconnected(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var related = bundle.Spec["relatedImages"]?.AsArray() ?? [];
        Assert.All(related, r =>
        {
            Assert.False(string.IsNullOrEmpty(r!["name"]!.GetValue<string>()));
            Assert.Matches(@"^[a-z0-9.\-/:]+@sha256:[0-9a-f]{64}$", r["image"]!.GetValue<string>());
        });
        var disconnected = bundle.CsvAnnotations["features.operators.openshift.io/disconnected"]!.GetValue<string>() == "true";
        Assert.Equal(flavour == "openshift", disconnected);
        if (disconnected)
        {
            var images = related.Select(r => r!["image"]!.GetValue<string>()).ToHashSet();
            Assert.All(bundle.PodSpec["containers"]!.AsArray(), c => Assert.Contains(c!["image"]!.GetValue<string>(), images));
        }
    }

    [Fact]
    public void Disconnected_bundle_lists_every_controller_of_the_newest_distribution_by_digest()
    {
        var related = BundleUnderTest.Get("openshift").Spec["relatedImages"]!.AsArray().Select(r => r!["image"]!.GetValue<string>()).ToHashSet();
        var controllers = RelatedImages.ControllerImages(PackagingPaths.SharedDistribution);
        Assert.Contains(controllers, c => c.Name == "source-controller");
        Assert.All(controllers, c => Assert.Contains(c.Image, related));
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Feature_annotations_are_all_present_and_boolean_strings(string flavour)
    {
        var annotations = BundleUnderTest.Get(flavour).CsvAnnotations;
        Assert.All(RequiredFeatures, f => Assert.NotNull(annotations["features.operators.openshift.io/" + f]));
        Assert.All(annotations.Where(a => a.Key.StartsWith("features.operators.openshift.io/", StringComparison.Ordinal)),
            a => Assert.Contains(a.Value!.GetValue<string>(), new[] { "true", "false" }));
        Assert.Null(annotations["operators.openshift.io/infrastructure-features"]);
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Architecture_and_os_labels_advertise_the_published_image_platforms(string flavour)
    {
        var labels = BundleUnderTest.Get(flavour).Csv["metadata"]!["labels"]!.AsObject();
        Assert.Equal("supported", labels["operatorframework.io/os.linux"]?.GetValue<string>());
        Assert.All(OlmPackage.Architectures, a => Assert.Equal("supported", labels[$"operatorframework.io/arch.{a}"]?.GetValue<string>()));
    }

    private static HashSet<string> Strings(JsonNode? node) => [.. node?.AsArray().Select(n => n!.GetValue<string>()) ?? []];

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex StrictSemver();
}
