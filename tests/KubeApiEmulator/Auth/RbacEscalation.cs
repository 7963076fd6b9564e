using System.Text.Json.Nodes;
using KubeApiEmulator.Semantics;

namespace KubeApiEmulator.Auth;

/// <summary>
/// The API server's escalation and bind checks on RBAC writes: a user may only write a role granting what they hold
/// (or with <c>escalate</c>), and only bind a role whose permissions they hold (or with <c>bind</c> on it).
/// </summary>
public static class RbacEscalation
{
    /// <summary>Checks the object a write of a Role, ClusterRole, RoleBinding or ClusterRoleBinding would store.</summary>
    public static void Check(ClusterAccess access, UserInfo user, string resource, string ns, string name, JsonObject obj)
    {
        if (!access.Enabled || user.IsPrivileged)
        {
            return;
        }

        switch (resource)
        {
            case "roles" or "clusterroles":
                CheckRole(access, user, resource, ns, name, obj);
                break;
            case "rolebindings" or "clusterrolebindings":
                CheckBinding(access, user, resource, ns, name, obj);
                break;
        }
    }

    private static void CheckRole(ClusterAccess access, UserInfo user, string resource, string ns, string name, JsonObject role)
    {
        var escalate = access.Authorize(RequestAttributes.ForResource(user, "escalate", RbacPolicy.Group, resource, null, ns, name)).Allowed;
        if (resource == "clusterroles" && role["aggregationRule"] is JsonObject && !escalate)
        {
            throw ClusterAccess.Forbidden(RbacPolicy.Group, resource, name, "must have cluster-admin privileges to use the aggregationRule");
        }

        if (!escalate)
        {
            ConfirmNoEscalation(access, user, resource, ns, name, PolicyRule.AllOf(role));
        }
    }

    private static void CheckBinding(ClusterAccess access, UserInfo user, string resource, string ns, string name, JsonObject binding)
    {
        var roleRef = binding["roleRef"];
        var kind = roleRef?["kind"]?.ToString() ?? "";
        var roleName = roleRef?["name"]?.ToString() ?? "";
        var roleResource = kind == "ClusterRole" ? "clusterroles" : "roles";
        if (access.Authorize(RequestAttributes.ForResource(user, "bind", roleRef?["apiGroup"]?.ToString() ?? "", roleResource, null, ns, roleName)).Allowed)
        {
            return;
        }

        var rules = access.Policy.RoleRules(kind, ns, roleName) ?? throw ApiException.NotFound(RbacPolicy.Group, roleResource, roleName);
        ConfirmNoEscalation(access, user, resource, ns, name, rules);
    }

    private static void ConfirmNoEscalation(ClusterAccess access, UserInfo user, string resource, string ns, string name, IEnumerable<PolicyRule> requested)
    {
        var (held, errors) = access.Policy.RulesFor(user, ns);
        var missing = requested.SelectMany(r => r.Breakdown()).Where(atom => !held.Any(h => h.Covers(atom))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var descriptions = Compact(missing).Select(r => r.CompactString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var groups = "[" + string.Join(' ', user.Groups.Select(g => $"\"{g}\"")) + "]";
        var message = $"user \"{user.Name}\" (groups={groups}) is attempting to grant RBAC permissions not currently held:\n{string.Join('\n', descriptions)}";
        if (errors.Count > 0)
        {
            message += $"; resolution errors: [{string.Join(' ', errors)}]";
        }

        throw ClusterAccess.Forbidden(RbacPolicy.Group, resource, name, message);
    }

    // Single-group, single-resource rules without names that differ only in verb become one rule.
    private static IEnumerable<PolicyRule> Compact(List<PolicyRule> atoms)
    {
        var merged = new List<PolicyRule>();
        foreach (var atom in atoms)
        {
            var index = atom.ResourceNames.Length == 0 && atom.Resources.Length == 1
                ? merged.FindIndex(m => m.ResourceNames.Length == 0 && m.NonResourceUrls.Length == 0 && m.Resources.SequenceEqual(atom.Resources) && m.ApiGroups.SequenceEqual(atom.ApiGroups))
                : -1;
            if (index < 0)
            {
                merged.Add(atom);
            }
            else if (!merged[index].Verbs.Contains(atom.Verbs[0], StringComparer.Ordinal))
            {
                merged[index] = merged[index] with { Verbs = [.. merged[index].Verbs, atom.Verbs[0]] };
            }
        }

        return merged;
    }
}
