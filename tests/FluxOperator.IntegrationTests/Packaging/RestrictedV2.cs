using System.Text.Json.Nodes;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The OpenShift <c>restricted-v2</c> SCC as checks over a pod spec.</summary>
public static class RestrictedV2
{
    private static readonly HashSet<string> AllowedVolumeTypes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    /// <summary>Every way the pod spec would be rejected or mutated by restricted-v2; empty when it is admitted as is.</summary>
    public static IReadOnlyList<string> Violations(JsonObject podSpec)
    {
        var problems = new List<string>();
        if (podSpec["securityContext"] is JsonObject pod)
        {
            foreach (var field in new[] { "runAsUser", "runAsGroup", "fsGroup", "seLinuxOptions" })
            {
                if (pod[field] is not null)
                {
                    problems.Add($"pod securityContext.{field} is set (the SCC assigns it from the namespace range)");
                }
            }

            CheckSeccomp(pod, "pod", problems);
        }

        foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (podSpec[host]?.GetValue<bool>() == true)
            {
                problems.Add($"{host} is true");
            }
        }

        foreach (var volume in podSpec["volumes"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var type = volume.Select(p => p.Key).Single(k => k != "name");
            if (!AllowedVolumeTypes.Contains(type))
            {
                problems.Add($"volume {volume["name"]} has type {type}");
            }
        }

        var containers = (podSpec["containers"]?.AsArray() ?? []).Concat(podSpec["initContainers"]?.AsArray() ?? []).OfType<JsonObject>();
        foreach (var container in containers)
        {
            CheckContainer(container, problems);
        }

        return problems;
    }

    private static void CheckContainer(JsonObject container, List<string> problems)
    {
        var name = container["name"]?.GetValue<string>();
        var context = container["securityContext"] as JsonObject;
        if (context?["allowPrivilegeEscalation"]?.GetValue<bool>() != false)
        {
            problems.Add($"container {name}: allowPrivilegeEscalation is not false");
        }

        if (context?["privileged"]?.GetValue<bool>() == true)
        {
            problems.Add($"container {name}: privileged");
        }

        var drop = context?["capabilities"]?["drop"]?.AsArray().Select(d => d!.GetValue<string>()) ?? [];
        if (!drop.Contains("ALL"))
        {
            problems.Add($"container {name}: capabilities.drop lacks ALL");
        }

        var add = context?["capabilities"]?["add"]?.AsArray().Select(d => d!.GetValue<string>()) ?? [];
        problems.AddRange(add.Where(a => a != "NET_BIND_SERVICE").Select(a => $"container {name}: adds capability {a}"));
        foreach (var field in new[] { "runAsUser", "runAsGroup", "seLinuxOptions" })
        {
            if (context?[field] is not null)
            {
                problems.Add($"container {name}: securityContext.{field} is set");
            }
        }

        if (context is not null)
        {
            CheckSeccomp(context, $"container {name}", problems);
        }

        foreach (var port in container["ports"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (port["hostPort"] is not null)
            {
                problems.Add($"container {name}: hostPort {port["hostPort"]}");
            }
        }
    }

    private static void CheckSeccomp(JsonObject context, string where, List<string> problems)
    {
        var type = context["seccompProfile"]?["type"]?.GetValue<string>();
        if (type is not (null or "RuntimeDefault"))
        {
            problems.Add($"{where}: seccompProfile {type}");
        }
    }
}
