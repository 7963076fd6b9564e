using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Packaging;
using NuGet.Versioning;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The file-based catalog: its upgrade graph, the bundles it lists and what <c>opm validate</c> enforces (docs/packaging.md).</summary>
public sealed partial class CatalogTests
{
    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Every_catalog_document_has_a_schema_and_no_keys_differing_only_in_case(string catalog)
    {
        var graph = CatalogGraph.Load(CatalogUnderTest.Root(catalog));
        Assert.NotEmpty(graph.Documents);
        Assert.All(graph.Documents, d =>
        {
            Assert.False(string.IsNullOrEmpty(d["schema"]?.GetValue<string>()));
            var keys = d.Select(p => p.Key).ToArray();
            Assert.Equal(keys.Length, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        });
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void One_package_with_a_dns_label_name_and_the_stable_default_channel(string catalog)
    {
        var package = Assert.Single(CatalogGraph.Load(CatalogUnderTest.Root(catalog)).Packages);
        Assert.Equal(OlmPackage.Name, package["name"]!.GetValue<string>());
        Assert.Matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", package["name"]!.GetValue<string>());
        Assert.Equal("stable", package["defaultChannel"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Channels_and_bundles_belong_to_the_package_with_unique_names(string catalog)
    {
        var graph = CatalogGraph.Load(CatalogUnderTest.Root(catalog));
        Assert.All(graph.Channels.Concat(graph.Bundles), d => Assert.Equal(OlmPackage.Name, d["package"]!.GetValue<string>()));
        var channels = graph.Channels.Select(c => c["name"]!.GetValue<string>()).ToArray();
        Assert.All(channels, c => Assert.False(string.IsNullOrEmpty(c)));
        Assert.Equal(channels.Length, channels.Distinct().Count());
        var bundles = graph.Bundles.Select(b => b["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(bundles.Length, bundles.Distinct().Count());
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Channel_entries_and_bundles_match_one_to_one(string catalog)
    {
        var graph = CatalogGraph.Load(CatalogUnderTest.Root(catalog));
        var bundles = graph.Bundles.Select(b => b["name"]!.GetValue<string>()).ToHashSet();
        var inChannels = new HashSet<string>();
        foreach (var channel in graph.Channels)
        {
            var names = CatalogGraph.Entries(channel).Select(e => e["name"]!.GetValue<string>()).ToArray();
            Assert.NotEmpty(names);
            Assert.Equal(names.Length, names.Distinct().Count());
            Assert.All(names, n => Assert.Contains(n, bundles));
            inChannels.UnionWith(names);
        }

        Assert.All(bundles, b => Assert.Contains(b, inChannels));
        var defaultChannel = graph.Packages.Single()["defaultChannel"]!.GetValue<string>();
        Assert.NotEmpty(CatalogGraph.Entries(graph.Channels.Single(c => c["name"]!.GetValue<string>() == defaultChannel)));
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Each_bundle_has_one_package_property_with_a_unique_strict_version_matching_its_name(string catalog)
    {
        var bundles = CatalogGraph.Load(CatalogUnderTest.Root(catalog)).Bundles.ToArray();
        Assert.All(bundles, b =>
        {
            var packages = b["properties"]!.AsArray().Where(p => p!["type"]!.GetValue<string>() == "olm.package").ToArray();
            var property = Assert.Single(packages)!["value"]!;
            Assert.Equal(b["package"]!.GetValue<string>(), property["packageName"]!.GetValue<string>());
            Assert.Matches(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$", property["version"]!.GetValue<string>());
            Assert.Equal(OlmPackage.Name + ".v" + property["version"]!.GetValue<string>(), b["name"]!.GetValue<string>());
        });
        var versions = bundles.Select(CatalogGraph.VersionOf).ToArray();
        Assert.Equal(versions.Length, versions.Distinct().Count());
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Bundle_and_related_images_are_pinned_by_digest(string catalog)
    {
        Assert.All(CatalogGraph.Load(CatalogUnderTest.Root(catalog)).Bundles, b =>
        {
            var images = (b["relatedImages"]?.AsArray().Select(r => r!["image"]!.GetValue<string>()) ?? []).Prepend(b["image"]!.GetValue<string>());
            Assert.All(images, i => Assert.Matches(DigestReference(), i));
            Assert.Contains(b["image"]!.GetValue<string>(), b["relatedImages"]!.AsArray().Select(r => r!["image"]!.GetValue<string>()));
        });
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Bundles_declare_their_apis_as_gvks_and_no_dependencies(string catalog)
    {
        Assert.All(CatalogGraph.Load(CatalogUnderTest.Root(catalog)).Bundles, b =>
        {
            var types = b["properties"]!.AsArray().Select(p => p!["type"]!.GetValue<string>()).ToArray();
            Assert.DoesNotContain("olm.gvk.required", types);
            Assert.DoesNotContain("olm.package.required", types);
            Assert.DoesNotContain("olm.constraint", types);
            Assert.Contains("olm.csv.metadata", types);
            Assert.DoesNotContain("olm.bundle.object", types);
            Assert.Equal(types.Order(StringComparer.Ordinal), types);
        });
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Each_channel_has_one_head_and_a_replaces_chain_through_every_unskipped_entry(string catalog)
    {
        foreach (var channel in CatalogGraph.Load(CatalogUnderTest.Root(catalog)).Channels)
        {
            Assert.Single(CatalogGraph.Heads(channel));
            var chain = CatalogGraph.ReplacesChain(channel);
            var entries = CatalogGraph.Entries(channel);
            var skipped = entries.SelectMany(e => e["skips"]?.AsArray().Select(s => s!.GetValue<string>()) ?? []).ToHashSet();
            Assert.All(entries.Select(e => e["name"]!.GetValue<string>()).Where(n => !skipped.Contains(n)), n => Assert.Contains(n, chain));
            Assert.All(entries, e => Assert.All(e["skips"]?.AsArray() ?? [], s => Assert.False(string.IsNullOrEmpty(s!.GetValue<string>()))));
        }
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Stable_head_is_the_highest_release_and_every_older_one_upgrades_in_one_hop(string catalog)
    {
        var graph = CatalogGraph.Load(CatalogUnderTest.Root(catalog));
        var stable = graph.Channels.Single(c => c["name"]!.GetValue<string>() == "stable");
        var versions = CatalogGraph.Entries(stable).ToDictionary(
            e => e["name"]!.GetValue<string>(),
            e => NuGetVersion.Parse(CatalogGraph.VersionOf(graph.Bundles.Single(b => b["name"]!.GetValue<string>() == e["name"]!.GetValue<string>()))));
        Assert.All(versions.Values, v => Assert.False(v.IsPrerelease));
        var head = CatalogGraph.Heads(stable).Single();
        Assert.Equal(versions.Values.Max(), versions[head]);

        var ordered = versions.OrderBy(v => v.Value).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            var entry = CatalogGraph.Entries(stable).Single(e => e["name"]!.GetValue<string>() == ordered[i].Key);
            Assert.Equal(ordered[i - 1].Key, entry["replaces"]!.GetValue<string>());
            var range = entry["skipRange"]!.GetValue<string>();
            Assert.All(ordered[..i], lower => Assert.True(CatalogGraph.RangeContains(range, lower.Value.ToNormalizedString()), $"{range} misses {lower.Key}"));
            Assert.False(CatalogGraph.RangeContains(range, ordered[i].Value.ToNormalizedString()));
        }
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Catalog_bundles_carry_the_csv_metadata_and_the_gvks_of_their_bundle(string catalog)
    {
        var graph = CatalogGraph.Load(CatalogUnderTest.Root(catalog));
        foreach (var (version, directory) in CatalogUnderTest.Bundles(catalog))
        {
            var bundle = graph.Bundles.Single(b => CatalogGraph.VersionOf(b) == version);
            var manifests = Directory.GetFiles(Path.Combine(directory, "manifests")).Select(f => YamlDocuments.ParseObjects(File.ReadAllText(f)).Single()).ToArray();
            var csv = manifests.Single(m => ManifestSet.KindOf(m) == "ClusterServiceVersion");
            var metadata = bundle["properties"]!.AsArray().Single(p => p!["type"]!.GetValue<string>() == "olm.csv.metadata")!["value"]!;
            Assert.True(JsonNode.DeepEquals(csv["metadata"]!["annotations"], metadata["annotations"]));
            Assert.True(JsonNode.DeepEquals(csv["metadata"]!["labels"], metadata["labels"]));
            Assert.True(JsonNode.DeepEquals(csv["spec"]!["customresourcedefinitions"], metadata["crdDescriptions"]));
            foreach (var field in new[] { "description", "displayName", "installModes", "keywords", "links", "maintainers", "maturity", "minKubeVersion", "provider" })
            {
                Assert.True(JsonNode.DeepEquals(csv["spec"]![field], metadata[field]), field);
            }

            var expected = manifests.Where(m => ManifestSet.KindOf(m) == "CustomResourceDefinition")
                .SelectMany(c => c["spec"]!["versions"]!.AsArray().Select(v => $"{c["spec"]!["group"]}/{v!["name"]}/{c["spec"]!["names"]!["kind"]}"))
                .Order().ToArray();
            var gvks = bundle["properties"]!.AsArray().Where(p => p!["type"]!.GetValue<string>() == "olm.gvk")
                .Select(p => $"{p!["value"]!["group"]}/{p["value"]!["version"]}/{p["value"]!["kind"]}").Order().ToArray();
            Assert.Equal(expected, gvks);
        }
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Catalog_bundle_image_is_the_reproducible_image_of_its_bundle(string catalog)
    {
        var graph = CatalogGraph.Load(CatalogUnderTest.Root(catalog));
        foreach (var (version, directory) in CatalogUnderTest.Bundles(catalog))
        {
            var bundle = graph.Bundles.Single(b => CatalogGraph.VersionOf(b) == version);
            Assert.Equal($"{OlmPackage.BundleImage}@{BundleImage.Build(directory).Digest}", bundle["image"]!.GetValue<string>());
        }
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Bundle_channels_and_default_channel_agree_with_the_catalog(string catalog)
    {
        var graph = CatalogGraph.Load(CatalogUnderTest.Root(catalog));
        foreach (var (version, directory) in CatalogUnderTest.Bundles(catalog))
        {
            var annotations = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(directory, "metadata", "annotations.yaml"))).Single()["annotations"]!;
            var name = graph.Bundles.Single(b => CatalogGraph.VersionOf(b) == version)["name"]!.GetValue<string>();
            var channels = graph.Channels.Where(c => CatalogGraph.Entries(c).Any(e => e["name"]!.GetValue<string>() == name)).Select(c => c["name"]!.GetValue<string>());
            Assert.Equal(annotations["operators.operatorframework.io.bundle.channels.v1"]!.GetValue<string>().Split(',').Order(), channels.Order());
            Assert.Equal(annotations["operators.operatorframework.io.bundle.channel.default.v1"]!.GetValue<string>(), graph.Packages.Single()["defaultChannel"]!.GetValue<string>());
        }
    }

    [Theory, MemberData(nameof(CatalogUnderTest.Catalogs), MemberType = typeof(CatalogUnderTest))]
    public void Deprecations_if_any_are_one_document_naming_existing_entries(string catalog)
    {
        var graph = CatalogGraph.Load(CatalogUnderTest.Root(catalog));
        var deprecations = graph.Documents.Where(d => d["schema"]!.GetValue<string>() == "olm.deprecations").ToArray();
        Assert.True(deprecations.Length <= 1);
        var bundles = graph.Bundles.Select(b => b["name"]!.GetValue<string>()).ToHashSet();
        var channels = graph.Channels.Select(c => c["name"]!.GetValue<string>()).ToHashSet();
        Assert.All(deprecations.SelectMany(d => d["entries"]!.AsArray()), e =>
        {
            var reference = e!["reference"]!;
            var name = reference["name"]?.GetValue<string>() ?? string.Empty;
            Assert.True(reference["schema"]!.GetValue<string>() switch
            {
                "olm.bundle" => bundles.Contains(name),
                "olm.channel" => channels.Contains(name),
                "olm.package" => name.Length == 0,
                _ => false,
            });
            Assert.False(string.IsNullOrEmpty(e["message"]?.GetValue<string>()));
        });
    }

    [Fact]
    public void Catalog_image_serves_the_configs_it_labels()
    {
        var lines = File.ReadAllLines(Path.Combine(PackagingPaths.RepositoryRoot, "olm", "catalog.Dockerfile"));
        Assert.Contains("LABEL operators.operatorframework.io.index.configs.v1=/configs", lines);
        Assert.Contains("CMD [\"serve\", \"/configs\", \"--cache-dir=/tmp/cache\"]", lines);
        Assert.Contains(lines, l => l.StartsWith("ADD catalog /configs", StringComparison.Ordinal));
        Assert.Contains("ENTRYPOINT [\"/bin/opm\"]", lines);
    }

    [Fact]
    public void Community_ci_file_selects_semver_mode()
    {
        var ci = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, "olm", "ci.yaml"))).Single();
        Assert.Equal("semver-mode", ci["updateGraph"]!.GetValue<string>());
    }

    [GeneratedRegex(@"^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestReference();
}
