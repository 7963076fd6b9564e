using System.Collections.Concurrent;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Rendering;

/// <summary>Builds FluxInstance YAML against the shared releases (read in place, embedded store = distribution).</summary>
internal static class Scenario
{
    public static string Store => SharedData.DistributionRoot;

    public static RenderedObjects Build(string yaml, string? lastAppliedRevision = null) =>
        new(Outcome(yaml, lastAppliedRevision).Result);

    public static BuildOutcome Outcome(string yaml, string? lastAppliedRevision = null) =>
        FluxInstanceBuilder.Build(ApiYaml.ReadFluxInstance(yaml), Sources(lastAppliedRevision));

    /// <summary>The shared store, with releases parsed once per test run (the files never change).</summary>
    public static BuildSources Sources(string? lastAppliedRevision = null) =>
        new(Store) { LastAppliedRevision = lastAppliedRevision, LoadRelease = d => Releases.GetOrAdd(d, ReleaseManifests.Load) };

    private static readonly ConcurrentDictionary<string, ReleaseManifests> Releases = new(StringComparer.Ordinal);

    /// <summary>The build's error message (the part after <c>build failed: </c>).</summary>
    public static string Error(string yaml, string? lastAppliedRevision = null) =>
        Assert.Throws<RenderException>(() => Outcome(yaml, lastAppliedRevision)).Message;

    /// <summary>A FluxInstance in flux-system with the given spec body (indented two spaces under <c>spec:</c>).</summary>
    public static string Instance(string specBody, string @namespace = "flux-system") =>
        $"""
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: {@namespace}
        spec:
        {Indent(specBody)}
        """;

    public static string Distro(string version, string registry = "ghcr.io/fluxcd") =>
        $"""
        distribution:
          version: "{version}"
          registry: "{registry}"
        """;

    private static string Indent(string text) =>
        string.Join('\n', text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.Length == 0 ? l : "  " + l));
}
