using System.Text;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>The hostile YAML of the bounded-input tests, built small in code.</summary>
internal static class HostileInputs
{
    /// <summary>Ten anchors, each a list of ten aliases of the previous: 10^10 nodes once expanded, under 1 KB written.</summary>
    public static string AliasBomb(string indent = "")
    {
        var yaml = new StringBuilder($"{indent}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 10; i++)
        {
            yaml.Append($"{indent}a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        return yaml.ToString();
    }

    /// <summary><paramref name="depth"/> nested flow sequences on one line.</summary>
    public static string DeepFlow(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>A FluxInstance whose <c>commonMetadata.labels.x</c> carries <paramref name="value"/>.</summary>
    public static string InstanceWithLabelValue(string value) => $"""
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: flux-system
        spec:
          distribution:
            version: "2.x"
            registry: ghcr.io/fluxcd
          commonMetadata:
            labels:
              x: {value}
        """;
}
