using System.Text.Json.Nodes;
using KubeApiEmulator.Semantics;

namespace KubeApiEmulator.Auth;

/// <summary>
/// The review APIs (create-only, nothing stored): SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview,
/// SelfSubjectRulesReview (what <c>kubectl auth can-i [--list]</c> sends) and SelfSubjectReview (<c>kubectl auth whoami</c>).
/// </summary>
public static class AccessReviews
{
    /// <summary>True for the review resources, which only answer <c>create</c>.</summary>
    public static bool Serves(string group, string resource) => (group, resource) is
        ("authorization.k8s.io", "selfsubjectaccessreviews" or "subjectaccessreviews" or "localsubjectaccessreviews" or "selfsubjectrulesreviews")
        or ("authentication.k8s.io", "selfsubjectreviews");

    /// <summary>Answers a review: the request object with its <c>status</c> filled in.</summary>
    public static JsonObject Answer(ClusterAccess access, UserInfo caller, string resource, string? urlNamespace, JsonObject review)
    {
        var spec = review["spec"] as JsonObject ?? [];
        var answer = new JsonObject
        {
            ["kind"] = review["kind"]?.DeepClone(),
            ["apiVersion"] = review["apiVersion"]?.DeepClone(),
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
        };
        if (resource != "selfsubjectreviews")
        {
            answer["spec"] = spec.DeepClone();
        }

        switch (resource)
        {
            case "selfsubjectreviews":
                answer["status"] = new JsonObject { ["userInfo"] = UserJson(caller) };
                break;
            case "selfsubjectrulesreviews":
                answer["status"] = Rules(access, caller, spec["namespace"]?.ToString() ?? "");
                break;
            case "selfsubjectaccessreviews":
                answer["status"] = Decide(access, caller, spec, null);
                break;
            default:
                var user = new UserInfo(spec["user"]?.ToString() ?? "", Strings(spec["groups"]), Extra(spec["extra"]));
                answer["status"] = Decide(access, user, spec, urlNamespace);
                break;
        }

        return answer;
    }

    private static JsonObject Decide(ClusterAccess access, UserInfo user, JsonObject spec, string? urlNamespace)
    {
        RequestAttributes request;
        if (spec["resourceAttributes"] is JsonObject resource)
        {
            var ns = resource["namespace"]?.ToString() ?? "";
            if (urlNamespace is not null && ns != urlNamespace)
            {
                throw ApiException.BadRequest("spec.resourceAttributes.namespace must match namespace: " + urlNamespace);
            }

            request = RequestAttributes.ForResource(user, resource["verb"]?.ToString() ?? "", resource["group"]?.ToString() ?? "", resource["resource"]?.ToString() ?? "",
                resource["subresource"]?.ToString(), ns, resource["name"]?.ToString());
        }
        else if (spec["nonResourceAttributes"] is JsonObject path)
        {
            request = RequestAttributes.ForPath(user, path["verb"]?.ToString() ?? "", path["path"]?.ToString() ?? "");
        }
        else
        {
            throw ApiException.BadRequest("spec.resourceAttributes: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        var decision = access.Authorize(request);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        return status;
    }

    private static JsonObject Rules(ClusterAccess access, UserInfo user, string ns)
    {
        var (rules, errors) = access.Enabled ? access.Policy.RulesFor(user, ns) : ([new PolicyRule(["*"], ["*"], ["*"], [], []), new PolicyRule(["*"], [], [], [], ["*"])], []);
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        foreach (var rule in rules)
        {
            if (rule.Resources.Length > 0 || rule.ApiGroups.Length > 0)
            {
                var entry = new JsonObject { ["verbs"] = Array(rule.Verbs), ["apiGroups"] = Array(rule.ApiGroups), ["resources"] = Array(rule.Resources) };
                if (rule.ResourceNames.Length > 0)
                {
                    entry["resourceNames"] = Array(rule.ResourceNames);
                }

                resourceRules.Add(entry);
            }

            if (rule.NonResourceUrls.Length > 0)
            {
                nonResourceRules.Add(new JsonObject { ["verbs"] = Array(rule.Verbs), ["nonResourceURLs"] = Array(rule.NonResourceUrls) });
            }
        }

        var status = new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = errors.Count > 0 };
        if (errors.Count > 0)
        {
            status["evaluationError"] = RbacPolicy.Aggregate(errors);
        }

        return status;
    }

    private static JsonObject UserJson(UserInfo user)
    {
        var info = new JsonObject { ["username"] = user.Name, ["groups"] = Array([.. user.Groups]) };
        if (user.Extra.Count > 0)
        {
            info["extra"] = new JsonObject(user.Extra.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)Array([.. e.Value]))));
        }

        return info;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Extra(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(e => e.Key, e => (IReadOnlyList<string>)Strings(e.Value), StringComparer.Ordinal);

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? array.Select(n => n?.ToString() ?? "").ToArray() : [];

    private static JsonArray Array(string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
