using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;

namespace FluxOperator.Controllers.Tests.Reconciliation;

/// <summary>
/// The expected strings are written by hand from the Go operator's struct definitions (field order, <c>omitempty</c>)
/// and Go's <c>encoding/json</c> rules, so the history digest of a spec is the one the Go operator records.
/// </summary>
public class SpecDigestTests
{
    [Fact]
    public void A_spec_as_stored_with_api_defaults_has_the_go_operator_digest()
    {
        var spec = Spec("""
            distribution:
              version: "2.x"
              registry: ghcr.io/fluxcd
            wait: true
            migrateResources: true
            """);

        Assert.Equal("""{"distribution":{"version":"2.x","registry":"ghcr.io/fluxcd"},"wait":true,"migrateResources":true}""", SpecDigest.GoJson(spec));
        Assert.Equal("sha256:67937f0372223b3b6a1b7158459311d777f6f2eed09af9fad999808374f0563f", SpecDigest.Of(spec));
    }

    [Fact]
    public void Fields_follow_the_go_struct_order_not_the_order_written()
    {
        var spec = Spec("""
            kustomize:
              patches:
                - target:
                    labelSelector: app.kubernetes.io/part-of=flux
                    kind: Deployment
                  patch: |
                    - op: replace
                      path: /spec/template/spec/nodeSelector
                      value:
                        kubernetes.io/os: linux
            cluster:
              size: medium
              type: kubernetes
              networkPolicy: true
              multitenant: false
              domain: cluster.local
            components: [source-controller, kustomize-controller]
            distribution:
              artifact: oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest
              registry: ghcr.io/fluxcd
              version: "2.x"
            migrateResources: true
            wait: true
            """);

        Assert.Equal(
            """{"distribution":{"version":"2.x","registry":"ghcr.io/fluxcd","artifact":"oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest"},"components":["source-controller","kustomize-controller"],"cluster":{"domain":"cluster.local","networkPolicy":true,"type":"kubernetes","size":"medium"},"kustomize":{"patches":[{"patch":"- op: replace\n  path: /spec/template/spec/nodeSelector\n  value:\n    kubernetes.io/os: linux\n","target":{"kind":"Deployment","labelSelector":"app.kubernetes.io/part-of=flux"}}]},"wait":true,"migrateResources":true}""",
            SpecDigest.GoJson(spec));
    }

    [Fact]
    public void Omitempty_drops_false_and_empty_but_untagged_fields_and_set_pointers_stay()
    {
        var spec = Spec("""
            distribution:
              version: ">=2.3 <2.5"
              registry: ghcr.io/fluxcd
              variant: upstream-alpine
              imagePullSecret: regcred
            commonMetadata:
              labels:
                team: sre
                app.kubernetes.io/part-of: flux
              annotations:
                note: "a & b"
            cluster:
              networkPolicy: false
              multitenant: true
              tenantDefaultServiceAccount: flux
            sharding:
              shards: [shard1, shard2]
            storage:
              class: standard
              size: 10Gi
            wait: false
            migrateResources: true
            sync:
              kind: GitRepository
              url: https://github.com/org/fleet.git
              ref: refs/heads/main
              path: clusters/prod
              interval: 90s
              pullSecret: git-auth
            """);

        Assert.Equal(
            """{"distribution":{"version":"\u003e=2.3 \u003c2.5","registry":"ghcr.io/fluxcd","variant":"upstream-alpine","imagePullSecret":"regcred"},"commonMetadata":{"annotations":{"note":"a \u0026 b"},"labels":{"app.kubernetes.io/part-of":"flux","team":"sre"}},"cluster":{"multitenant":true,"tenantDefaultServiceAccount":"flux","networkPolicy":false},"sharding":{"shards":["shard1","shard2"]},"storage":{"class":"standard","size":"10Gi"},"wait":false,"migrateResources":true,"sync":{"interval":"1m30s","kind":"GitRepository","url":"https://github.com/org/fleet.git","ref":"refs/heads/main","path":"clusters/prod","pullSecret":"git-auth"}}""",
            SpecDigest.GoJson(spec));
    }

    [Fact]
    public void Present_but_empty_objects_are_written_and_networkPolicy_defaults_to_false_in_go()
    {
        var spec = Spec("""
            distribution:
              version: "2.x"
              registry: ghcr.io/fluxcd
            commonMetadata: {}
            cluster: {}
            kustomize: {}
            """);

        Assert.Equal("""{"distribution":{"version":"2.x","registry":"ghcr.io/fluxcd"},"commonMetadata":{},"cluster":{"networkPolicy":false},"kustomize":{}}""", SpecDigest.GoJson(spec));
    }

    [Fact]
    public void Strings_escape_as_go_does()
    {
        var spec = new FluxInstanceSpec
        {
            Distribution = new DistributionSpec { Version = "2.x", Registry = "r" },
            Kustomize = new Kustomize { Patches = [new KustomizePatch { Patch = "say \"hi\"\\\t\u0001\b\fé\u2028<x>&\ud83d\ude00" }] },
        };

        Assert.Equal(
            """{"distribution":{"version":"2.x","registry":"r"},"kustomize":{"patches":[{"patch":"say \"hi\"\\\t\u0001\b\fé\u2028\u003cx\u003e\u0026😀"}]}}""",
            SpecDigest.GoJson(spec));
    }

    [Fact]
    public void The_digest_changes_with_the_spec_and_not_with_field_order()
    {
        var first = Spec("distribution: {version: \"2.x\", registry: ghcr.io/fluxcd}\nwait: true\n");
        var reordered = Spec("wait: true\ndistribution: {registry: ghcr.io/fluxcd, version: \"2.x\"}\n");
        var changed = Spec("distribution: {version: \"2.3.x\", registry: ghcr.io/fluxcd}\nwait: true\n");

        Assert.Equal(SpecDigest.Of(first), SpecDigest.Of(reordered));
        Assert.NotEqual(SpecDigest.Of(first), SpecDigest.Of(changed));
    }

    private static FluxInstanceSpec Spec(string yaml) =>
        ApiYaml.ReadFluxInstance("apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {name: flux, namespace: flux-system}\nspec:\n"
            + string.Join('\n', yaml.Split('\n').Select(l => "  " + l))).Spec;
}
