using System.Text.Json.Nodes;

namespace FluxOperator.Packaging;

/// <summary>Turns the operator Deployment and RBAC of <c>config/default</c> into a CSV install strategy.</summary>
public static class InstallStrategy
{
    /// <summary>The operator Deployment's name in the config tree and the CSV.</summary>
    public const string DeploymentName = "flux-operator";

    /// <summary>Builds <c>spec.install</c> for the CSV.</summary>
    public static JsonObject Build(ManifestSet config, string operatorImage)
    {
        var deployment = (JsonObject)config.Single("Deployment", DeploymentName).DeepClone();
        var serviceAccount = deployment["spec"]?["template"]?["spec"]?["serviceAccountName"]?.GetValue<string>()
            ?? throw new InvalidDataException($"Deployment {DeploymentName} names no serviceAccountName");
        InstallManifest.PinOperatorImage(deployment, operatorImage);
        AdaptForOlm(deployment, serviceAccount);

        var spec = new JsonObject();
        var (clusterRules, namespacedRules) = Rules(config, serviceAccount);
        if (clusterRules.Count > 0)
        {
            spec["clusterPermissions"] = new JsonArray(new JsonObject { ["serviceAccountName"] = serviceAccount, ["rules"] = clusterRules });
        }

        if (namespacedRules.Count > 0)
        {
            spec["permissions"] = new JsonArray(new JsonObject { ["serviceAccountName"] = serviceAccount, ["rules"] = namespacedRules });
        }

        var entry = new JsonObject { ["name"] = DeploymentName };
        if (deployment["metadata"]?["labels"] is JsonObject labels)
        {
            entry["label"] = labels.DeepClone();
        }

        entry["spec"] = deployment["spec"]!.DeepClone();
        spec["deployments"] = new JsonArray(entry);
        return new JsonObject { ["strategy"] = "deployment", ["spec"] = spec };
    }

    // OLM offers no way to change container args, so the bundle carries the ResourceSet
    // impersonation default the plain install leaves to the user, and the larger memory limit
    // of the OLM flavour.
    private static void AdaptForOlm(JsonObject deployment, string serviceAccount)
    {
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().OfType<JsonObject>().First();
        var args = container["args"] as JsonArray ?? [];
        var flag = $"--default-service-account={serviceAccount}";
        if (!args.Any(a => a?.GetValue<string>().StartsWith("--default-service-account=", StringComparison.Ordinal) == true))
        {
            args.Add(flag);
        }

        container["args"] = args;
        if (container["resources"]?["limits"] is JsonObject limits)
        {
            limits["memory"] = "2Gi";
        }
    }

    private static (JsonArray Cluster, JsonArray Namespaced) Rules(ManifestSet config, string serviceAccount)
    {
        var cluster = new JsonArray();
        var namespaced = new JsonArray();
        var clusterBindings = config.OfKind("ClusterRoleBinding").Where(b => BindsServiceAccount(b, serviceAccount)).ToArray();

        // OLM cannot bind the built-in cluster-admin role; it grants the same through a wildcard
        // rule, which is a superset of every other rule, so nothing else is listed then.
        if (clusterBindings.Any(b => b["roleRef"]?["name"]?.GetValue<string>() == "cluster-admin"))
        {
            cluster.Add(new JsonObject { ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*"), ["verbs"] = new JsonArray("*") });
            return (cluster, namespaced);
        }

        foreach (var binding in clusterBindings)
        {
            AddRules(cluster, config.Single("ClusterRole", binding["roleRef"]!["name"]!.GetValue<string>()));
        }

        foreach (var binding in config.OfKind("RoleBinding").Where(b => BindsServiceAccount(b, serviceAccount)))
        {
            var roleKind = binding["roleRef"]!["kind"]!.GetValue<string>();
            AddRules(namespaced, config.Single(roleKind, binding["roleRef"]!["name"]!.GetValue<string>()));
        }

        return (cluster, namespaced);
    }

    private static void AddRules(JsonArray target, JsonObject role)
    {
        foreach (var rule in role["rules"]?.AsArray() ?? [])
        {
            if (!target.Any(existing => JsonNode.DeepEquals(existing, rule)))
            {
                target.Add(rule!.DeepClone());
            }
        }
    }

    private static bool BindsServiceAccount(JsonObject binding, string serviceAccount) =>
        binding["subjects"]?.AsArray().OfType<JsonObject>().Any(s =>
            s["kind"]?.GetValue<string>() == "ServiceAccount" && s["name"]?.GetValue<string>() == serviceAccount) == true;
}
