using System.Text.Json.Nodes;

namespace KubeApiEmulator.Auth;

/// <summary>One RBAC rule and the API server's matching rules for it (wildcards, subresources, resource names, path prefixes).</summary>
public sealed record PolicyRule(string[] Verbs, string[] ApiGroups, string[] Resources, string[] ResourceNames, string[] NonResourceUrls)
{
    /// <summary>Reads a rule from its JSON form.</summary>
    public static PolicyRule From(JsonNode? node) => new(
        Strings(node?["verbs"]), Strings(node?["apiGroups"]), Strings(node?["resources"]), Strings(node?["resourceNames"]), Strings(node?["nonResourceURLs"]));

    /// <summary>Reads every rule of a role object.</summary>
    public static PolicyRule[] AllOf(JsonNode? role) => (role?["rules"] as JsonArray ?? []).Select(From).ToArray();

    /// <summary>The JSON form, with the fields the API server writes.</summary>
    public JsonObject ToJson()
    {
        var rule = new JsonObject { ["verbs"] = Array(Verbs) };
        if (ApiGroups.Length > 0 || Resources.Length > 0)
        {
            rule["apiGroups"] = Array(ApiGroups);
            rule["resources"] = Array(Resources);
        }

        if (ResourceNames.Length > 0)
        {
            rule["resourceNames"] = Array(ResourceNames);
        }

        if (NonResourceUrls.Length > 0)
        {
            rule["nonResourceURLs"] = Array(NonResourceUrls);
        }

        return rule;
    }

    /// <summary>True when the rule allows the request.</summary>
    public bool Allows(RequestAttributes request)
    {
        if (!Matches(Verbs, request.Verb))
        {
            return false;
        }

        if (!request.ResourceRequest)
        {
            foreach (var url in NonResourceUrls)
            {
                if (UrlMatches(url, request.Path))
                {
                    return true;
                }
            }

            return false;
        }

        if (!Matches(ApiGroups, request.Group) || (ResourceNames.Length > 0 && System.Array.IndexOf(ResourceNames, request.Name) < 0))
        {
            return false;
        }

        foreach (var resource in Resources)
        {
            if (ResourceMatches(resource, request.CombinedResource, request.Subresource))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when this rule grants everything <paramref name="other"/> grants (the escalation check's notion of covering).</summary>
    public bool Covers(PolicyRule other) =>
        other.Verbs.All(v => Matches(Verbs, v))
        && other.ApiGroups.All(g => Matches(ApiGroups, g))
        && other.Resources.All(r => Resources.Any(mine => mine == "*" || mine == r || (r.Contains('/', StringComparison.Ordinal) && mine == "*/" + r[(r.IndexOf('/', StringComparison.Ordinal) + 1)..])))
        && other.NonResourceUrls.All(u => NonResourceUrls.Any(mine => UrlMatches(mine, u)))
        && (ResourceNames.Length == 0 || (other.ResourceNames.Length > 0 && other.ResourceNames.All(n => ResourceNames.Contains(n, StringComparer.Ordinal))));

    /// <summary>The rule split into one rule per verb, group, resource and name (or verb and URL), as escalation checks compare them.</summary>
    public IEnumerable<PolicyRule> Breakdown()
    {
        foreach (var verb in Verbs)
        {
            foreach (var group in ApiGroups)
            {
                foreach (var resource in Resources)
                {
                    if (ResourceNames.Length == 0)
                    {
                        yield return new PolicyRule([verb], [group], [resource], [], []);
                    }

                    foreach (var name in ResourceNames)
                    {
                        yield return new PolicyRule([verb], [group], [resource], [name], []);
                    }
                }
            }

            foreach (var url in NonResourceUrls)
            {
                yield return new PolicyRule([verb], [], [], [], [url]);
            }
        }
    }

    /// <summary>The API server's compact form: <c>{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}</c>.</summary>
    public string CompactString()
    {
        var parts = new List<string>();
        void Add(string label, string[] values)
        {
            if (values.Length > 0)
            {
                parts.Add($"{label}:[{string.Join(' ', values.Select(v => $"\"{v}\""))}]");
            }
        }

        Add("APIGroups", ApiGroups);
        Add("Resources", Resources);
        Add("NonResourceURLs", NonResourceUrls);
        Add("ResourceNames", ResourceNames);
        Add("Verbs", Verbs);
        return "{" + string.Join(", ", parts) + "}";
    }

    /// <summary>Structural equality (records compare arrays by reference).</summary>
    public bool SameAs(PolicyRule other) =>
        Verbs.SequenceEqual(other.Verbs) && ApiGroups.SequenceEqual(other.ApiGroups) && Resources.SequenceEqual(other.Resources)
        && ResourceNames.SequenceEqual(other.ResourceNames) && NonResourceUrls.SequenceEqual(other.NonResourceUrls);

    private static bool Matches(string[] allowed, string value)
    {
        foreach (var a in allowed)
        {
            if (a == "*" || a == value)
            {
                return true;
            }
        }

        return false;
    }

    // "*" matches everything, "*/scale" matches the scale subresource of any resource.
    private static bool ResourceMatches(string rule, string combined, string subresource) =>
        rule == "*" || rule == combined || (subresource.Length > 0 && rule.Length == subresource.Length + 2 && rule.StartsWith("*/", StringComparison.Ordinal) && rule.EndsWith(subresource, StringComparison.Ordinal));

    private static bool UrlMatches(string rule, string path) =>
        rule == "*" || rule == path || (rule.EndsWith('*') && path.StartsWith(rule[..^1], StringComparison.Ordinal));

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? array.Select(n => n?.ToString() ?? "").ToArray() : [];

    private static JsonArray Array(string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
