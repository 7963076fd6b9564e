using System.Text.Json.Nodes;

namespace KubeApiEmulator.Auth;

/// <summary>
/// The roles and bindings a fresh cluster has: <c>cluster-admin</c> for <c>system:masters</c>, the aggregated user-facing roles
/// <c>admin</c>, <c>edit</c> and <c>view</c> with the labels that chain them (view ⊂ edit ⊂ admin) and their
/// <c>system:aggregate-to-*</c> rule sets, and the discovery, basic-user and public-info roles every user is bound to.
/// </summary>
public static class BootstrapPolicy
{
    private const string AggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin";
    private const string AggregateToEdit = "rbac.authorization.k8s.io/aggregate-to-edit";
    private const string AggregateToView = "rbac.authorization.k8s.io/aggregate-to-view";
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly string[] ReadWrite = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>Every bootstrap object (ClusterRoles, then ClusterRoleBindings).</summary>
    public static IReadOnlyList<JsonObject> Objects() =>
    [
        ClusterRole("cluster-admin", [], null, Rule(["*"], ["*"], ["*"]), Urls(["*"], "*")),
        ClusterRole("admin", [], AggregateToAdmin),
        ClusterRole("edit", [AggregateToAdmin], AggregateToEdit),
        ClusterRole("view", [AggregateToEdit], AggregateToView),
        ClusterRole("system:aggregate-to-admin", [AggregateToAdmin], null,
            Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
            Rule(ReadWrite, ["rbac.authorization.k8s.io"], ["rolebindings", "roles"])),
        ClusterRole("system:aggregate-to-edit", [AggregateToEdit], null,
            Rule(Read, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
            Rule(["impersonate"], [""], ["serviceaccounts"]),
            Rule(Write, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
            Rule(["create"], [""], ["pods/eviction"]),
            Rule(Write, [""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"]),
            Rule(["create"], [""], ["serviceaccounts/token"]),
            Rule(Write, ["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"]),
            Rule(Write, ["autoscaling"], ["horizontalpodautoscalers"]),
            Rule(Write, ["batch"], ["cronjobs", "jobs"]),
            Rule(Write, ["extensions"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"]),
            Rule(Write, ["policy"], ["poddisruptionbudgets"]),
            Rule(Write, ["networking.k8s.io"], ["ingresses", "networkpolicies"])),
        ClusterRole("system:aggregate-to-view", [AggregateToView], null,
            Rule(Read, [""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"]),
            Rule(Read, [""], ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"]),
            Rule(Read, [""], ["namespaces"]),
            Rule(Read, ["discovery.k8s.io"], ["endpointslices"]),
            Rule(Read, ["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"]),
            Rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
            Rule(Read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
            Rule(Read, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"]),
            Rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
            Rule(Read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"])),
        ClusterRole("system:discovery", [], null,
            Urls(["get"], "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/")),
        ClusterRole("system:public-info-viewer", [], null, Urls(["get"], "/healthz", "/livez", "/readyz", "/version", "/version/")),
        ClusterRole("system:basic-user", [], null,
            Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"])),
        Binding("cluster-admin", "cluster-admin", UserInfo.MastersGroup),
        Binding("system:discovery", "system:discovery", UserInfo.AuthenticatedGroup),
        Binding("system:basic-user", "system:basic-user", UserInfo.AuthenticatedGroup),
        Binding("system:public-info-viewer", "system:public-info-viewer", UserInfo.AuthenticatedGroup, UserInfo.UnauthenticatedGroup),
    ];

    private static JsonObject ClusterRole(string name, string[] aggregatesTo, string? aggregatesFrom, params JsonObject[] rules)
    {
        var labels = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" };
        foreach (var label in aggregatesTo)
        {
            labels[label] = "true";
        }

        var role = new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
            },
        };
        if (aggregatesFrom is not null)
        {
            role["aggregationRule"] = new JsonObject
            {
                ["clusterRoleSelectors"] = new JsonArray(new JsonObject { ["matchLabels"] = new JsonObject { [aggregatesFrom] = "true" } }),
            };
        }

        role["rules"] = new JsonArray(rules.Select(r => (JsonNode)r).ToArray());
        return role;
    }

    private static JsonObject Binding(string name, string role, params string[] groups) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
            ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
        },
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray(groups.Select(g => (JsonNode)new JsonObject
        {
            ["apiGroup"] = "rbac.authorization.k8s.io",
            ["kind"] = "Group",
            ["name"] = g,
        }).ToArray()),
    };

    private static JsonObject Rule(string[] verbs, string[] groups, string[] resources) =>
        new PolicyRule(verbs, groups, resources, [], []).ToJson();

    private static JsonObject Urls(string[] verbs, params string[] urls) => new PolicyRule(verbs, [], [], [], urls).ToJson();
}
