using System.Text.Json.Nodes;
using FluxOperator.IntegrationTests.Packaging;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Reporting;

/// <summary>
/// A described population of Flux objects for the emulator: per kind a count and an artifact size, and per object
/// index the state rules below. Tests compute their expectations from this description, never from the report code.
/// </summary>
internal static class FluxSeed
{
    public const string Namespace = "flux-system";

    /// <summary>The kinds seeded, 2,000 objects in all.</summary>
    public static readonly SeedKind[] Kinds =
    [
        new("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", 500),
        new("helm.toolkit.fluxcd.io", "v2", "HelmRelease", 400),
        new("source.toolkit.fluxcd.io", "v1", "GitRepository", 300, ArtifactBytes: 4096),
        new("source.toolkit.fluxcd.io", "v1", "OCIRepository", 200, ArtifactBytes: 512),
        new("source.toolkit.fluxcd.io", "v1", "HelmChart", 250, ArtifactBytes: 3),
        new("source.toolkit.fluxcd.io", "v1", "HelmRepository", 150, ArtifactBytes: 1 << 20),
        new("source.toolkit.fluxcd.io", "v1", "Bucket", 50),
        new("notification.toolkit.fluxcd.io", "v1beta3", "Alert", 50),
        new("notification.toolkit.fluxcd.io", "v1beta3", "Provider", 50),
        new("notification.toolkit.fluxcd.io", "v1", "Receiver", 50),
    ];

    /// <summary>Every 7th object is suspended.</summary>
    public static bool IsSuspended(int i) => i % 7 == 0;

    /// <summary>Every 5th (offset 1) is Ready=False with a real failure.</summary>
    public static bool IsFailed(int i) => i % 5 == 1;

    /// <summary>Every 11th (offset 2) waits for a dependency: Ready=False, reason DependencyNotReady (not failing).</summary>
    public static bool WaitsForDependency(int i) => !IsFailed(i) && i % 11 == 2;

    /// <summary>Every 13th (offset 3) has no conditions yet.</summary>
    public static bool HasNoConditions(int i) => !IsFailed(i) && !WaitsForDependency(i) && i % 13 == 3;

    public static string RepositoryRoot => PackagingPaths.RepositoryRoot;

    /// <summary>Installs our own CRDs (FluxInstance, FluxReport) and the Flux CRDs of <see cref="Kinds"/>.</summary>
    public static void SeedCrds(KubeApiServer api, string fluxVersion = "v2.7.0")
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "config", "crd", "bases"), "*.yaml"))
        {
            api.SeedYaml(File.ReadAllText(file));
        }

        foreach (var kind in Kinds)
        {
            api.Seed(Crd(kind, fluxVersion));
        }
    }

    /// <summary>Seeds every object of <see cref="Kinds"/> across five namespaces.</summary>
    public static void SeedObjects(KubeApiServer api, int scale = 1)
    {
        for (var t = 0; t < 5; t++)
        {
            api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = $"team-{t}" } });
        }

        foreach (var kind in Kinds)
        {
            var objects = Enumerable.Range(0, kind.Count * scale).Select(i => Object(kind, i)).ToArray();
            api.Seed(objects);
        }
    }

    public static JsonObject Object(SeedKind kind, int i)
    {
        var spec = new JsonObject { ["interval"] = "10m" };
        if (IsSuspended(i))
        {
            spec["suspend"] = true;
        }

        var status = new JsonObject();
        var conditions = new JsonArray();
        if (IsFailed(i))
        {
            conditions.Add(Condition("False", "ReconciliationFailed", "boom"));
        }
        else if (WaitsForDependency(i))
        {
            conditions.Add(Condition("False", "DependencyNotReady", "waiting"));
        }
        else if (!HasNoConditions(i))
        {
            conditions.Add(Condition("True", "Succeeded", "fine"));
        }

        if (conditions.Count > 0)
        {
            status["conditions"] = conditions;
        }

        if (kind.ArtifactBytes > 0)
        {
            status["artifact"] = new JsonObject { ["size"] = kind.ArtifactBytes, ["revision"] = "main@sha1:abc" };
        }

        return new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["metadata"] = new JsonObject { ["name"] = $"{kind.Kind.ToLowerInvariant()}-{i}", ["namespace"] = $"team-{i % 5}" },
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    public static JsonObject Crd(SeedKind kind, string fluxVersion, string? managedBy = "flux-operator")
    {
        var labels = new JsonObject { ["app.kubernetes.io/part-of"] = "flux", ["app.kubernetes.io/version"] = fluxVersion };
        if (managedBy is not null)
        {
            labels["app.kubernetes.io/managed-by"] = managedBy;
        }

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = $"{kind.Plural}.{kind.Group}", ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["group"] = kind.Group,
                ["scope"] = "Namespaced",
                ["names"] = new JsonObject { ["kind"] = kind.Kind, ["plural"] = kind.Plural, ["singular"] = kind.Kind.ToLowerInvariant(), ["listKind"] = kind.Kind + "List" },
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = kind.Version,
                    ["served"] = true,
                    ["storage"] = true,
                    ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                    ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                }),
            },
        };
    }

    public static JsonObject Condition(string status, string reason, string message) => new()
    {
        ["type"] = "Ready",
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
    };
}
