using System.Text.Json.Nodes;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Auth;

/// <summary>
/// The RBAC authorizer: roles, cluster roles and bindings as the store holds them, indexed by subject so that a request
/// costs a dictionary lookup per user name and group. Fed synchronously with every stored change, so a binding written
/// by one request applies to the next.
/// </summary>
public sealed class RbacPolicy
{
    /// <summary>API group of the RBAC kinds.</summary>
    public const string Group = "rbac.authorization.k8s.io";

    private const string RolesResource = "roles." + Group;
    private const string ClusterRolesResource = "clusterroles." + Group;
    private const string RoleBindingsResource = "rolebindings." + Group;
    private const string ClusterRoleBindingsResource = "clusterrolebindings." + Group;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PolicyRule[]> _clusterRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyRule[]> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SubjectBinding>> _bySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _subjectsOfBinding = new(StringComparer.Ordinal);

    /// <summary>Raised (under the store's lock) after any ClusterRole changed; the aggregation controller listens.</summary>
    public event Action? ClusterRolesChanged;

    /// <summary>True when the group resource is one of the four RBAC kinds.</summary>
    public static bool IsRbac(string groupResource) =>
        groupResource is RolesResource or ClusterRolesResource or RoleBindingsResource or ClusterRoleBindingsResource;

    /// <summary>Takes in one stored change.</summary>
    public void Observe(WatchEvent change)
    {
        var groupResource = change.Object.Type.GroupResource;
        if (!IsRbac(groupResource))
        {
            return;
        }

        var current = change.Type == "DELETED" ? null : JsonNode.Parse(change.Object.Json);
        lock (_gate)
        {
            var key = $"{change.Object.Namespace}/{change.Object.Name}";
            switch (groupResource)
            {
                case RolesResource:
                    Set(_roles, key, current);
                    break;
                case ClusterRolesResource:
                    Set(_clusterRoles, change.Object.Name, current);
                    break;
                default:
                    var bindingKey = groupResource + "/" + key;
                    RemoveBinding(bindingKey);
                    if (current is not null)
                    {
                        AddBinding(bindingKey, change.Object.Namespace, current);
                    }

                    break;
            }
        }

        if (groupResource == ClusterRolesResource)
        {
            ClusterRolesChanged?.Invoke();
        }
    }

    /// <summary>Decides a request: members of <c>system:masters</c> may do anything, everyone else what a binding grants.</summary>
    public AccessDecision Authorize(RequestAttributes request)
    {
        if (request.User.IsPrivileged)
        {
            return new AccessDecision(true, "");
        }

        List<string>? errors = null;
        lock (_gate)
        {
            // ClusterRoleBindings first, as the API server visits them, then the RoleBindings of the request's namespace.
            for (var pass = 0; pass < 2; pass++)
            {
                for (var key = -1; key < request.User.Groups.Count; key++)
                {
                    var subject = key < 0 ? "User:" + request.User.Name : "Group:" + request.User.Groups[key];
                    if (!_bySubject.TryGetValue(subject, out var bindings))
                    {
                        continue;
                    }

                    foreach (var binding in bindings)
                    {
                        if (pass == 0 ? binding.Namespace.Length != 0 : binding.Namespace.Length == 0 || binding.Namespace != request.Namespace)
                        {
                            continue;
                        }

                        var rules = RulesOf(binding, errors ??= []);
                        if (rules is not null && Array.Exists(rules, r => r.Allows(request)))
                        {
                            return new AccessDecision(true, $"RBAC: allowed by {binding.Describe()}");
                        }
                    }
                }
            }
        }

        return new AccessDecision(false, errors is null || errors.Count == 0 ? "" : "RBAC: " + Aggregate(errors));
    }

    /// <summary>Every rule the user holds in a namespace (cluster-wide ones included); what SelfSubjectRulesReview answers.</summary>
    public (IReadOnlyList<PolicyRule> Rules, IReadOnlyList<string> Errors) RulesFor(UserInfo user, string ns)
    {
        var rules = new List<PolicyRule>();
        var errors = new List<string>();
        if (user.IsPrivileged)
        {
            rules.Add(new PolicyRule(["*"], ["*"], ["*"], [], []));
            rules.Add(new PolicyRule(["*"], [], [], [], ["*"]));
        }

        lock (_gate)
        {
            foreach (var binding in BindingsOf(user, ns))
            {
                rules.AddRange(RulesOf(binding, errors) ?? []);
            }
        }

        return (rules, errors);
    }

    /// <summary>The rules of the role a roleRef names (a Role in <paramref name="ns"/>, or a ClusterRole); null when it does not exist.</summary>
    public PolicyRule[]? RoleRules(string kind, string ns, string name)
    {
        lock (_gate)
        {
            return kind == "ClusterRole" ? _clusterRoles.GetValueOrDefault(name) : _roles.GetValueOrDefault($"{ns}/{name}");
        }
    }

    /// <summary>The joined form of the API server's aggregated errors.</summary>
    public static string Aggregate(IReadOnlyList<string> errors)
    {
        var distinct = errors.Distinct(StringComparer.Ordinal).ToArray();
        return distinct.Length == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    private static void Set(Dictionary<string, PolicyRule[]> roles, string key, JsonNode? role)
    {
        if (role is null)
        {
            roles.Remove(key);
        }
        else
        {
            roles[key] = PolicyRule.AllOf(role);
        }
    }

    private IEnumerable<SubjectBinding> BindingsOf(UserInfo user, string ns)
    {
        var all = new List<SubjectBinding>();
        Collect(all, "User:" + user.Name);
        foreach (var group in user.Groups)
        {
            Collect(all, "Group:" + group);
        }

        var applicable = all.Where(b => b.Namespace.Length == 0 || (ns.Length > 0 && b.Namespace == ns));
        return applicable.OrderBy(b => b.Namespace.Length == 0 ? 0 : 1);
    }

    private void Collect(List<SubjectBinding> into, string subjectKey)
    {
        if (_bySubject.TryGetValue(subjectKey, out var list))
        {
            into.AddRange(list);
        }
    }

    private PolicyRule[]? RulesOf(SubjectBinding binding, List<string> errors)
    {
        if (binding.RoleKind == "ClusterRole")
        {
            if (_clusterRoles.TryGetValue(binding.RoleName, out var clusterRules))
            {
                return clusterRules;
            }

            errors.Add($"clusterrole.{Group} \"{binding.RoleName}\" not found");
            return null;
        }

        if (binding.RoleKind == "Role" && _roles.TryGetValue($"{binding.Namespace}/{binding.RoleName}", out var rules))
        {
            return rules;
        }

        errors.Add($"role.{Group} \"{binding.RoleName}\" not found");
        return null;
    }

    private void AddBinding(string bindingKey, string ns, JsonNode binding)
    {
        var roleRef = binding["roleRef"];
        var keys = new List<string>();
        foreach (var subject in (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var kind = subject["kind"]?.ToString() ?? "";
            var name = subject["name"]?.ToString() ?? "";
            var subjectNamespace = subject["namespace"]?.ToString() is { Length: > 0 } given ? given : ns;
            var subjectKey = kind switch
            {
                "User" => "User:" + name,
                "Group" => "Group:" + name,
                "ServiceAccount" when subjectNamespace.Length > 0 => "User:" + UserInfo.ServiceAccountName(subjectNamespace, name),
                _ => null,
            };
            if (subjectKey is null)
            {
                continue;
            }

            var described = kind == "ServiceAccount" ? $"ServiceAccount \"{name}/{subjectNamespace}\"" : $"{kind} \"{name}\"";
            var entry = new SubjectBinding(ns.Length == 0 ? "ClusterRoleBinding" : "RoleBinding", binding["metadata"]?["name"]?.ToString() ?? "", ns,
                roleRef?["kind"]?.ToString() ?? "", roleRef?["name"]?.ToString() ?? "", described);
            if (!_bySubject.TryGetValue(subjectKey, out var list))
            {
                list = [];
                _bySubject[subjectKey] = list;
            }

            list.Add(entry);
            keys.Add(subjectKey);
        }

        _subjectsOfBinding[bindingKey] = [.. keys];
    }

    private void RemoveBinding(string bindingKey)
    {
        if (!_subjectsOfBinding.Remove(bindingKey, out var keys))
        {
            return;
        }

        var slash = bindingKey.IndexOf('/', StringComparison.Ordinal);
        var (ns, name) = Split(bindingKey[(slash + 1)..]);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (_bySubject.TryGetValue(key, out var list))
            {
                list.RemoveAll(b => b.Namespace == ns && b.Name == name && b.Kind == (ns.Length == 0 ? "ClusterRoleBinding" : "RoleBinding"));
                if (list.Count == 0)
                {
                    _bySubject.Remove(key);
                }
            }
        }
    }

    private static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    private sealed record SubjectBinding(string Kind, string Name, string Namespace, string RoleKind, string RoleName, string Subject)
    {
        public string Describe() => Kind == "ClusterRoleBinding"
            ? $"ClusterRoleBinding \"{Name}\" of {RoleKind} \"{RoleName}\" to {Subject}"
            : $"RoleBinding \"{Name}/{Namespace}\" of {RoleKind} \"{RoleName}\" to {Subject}";
    }
}

/// <summary>An authorizer's answer: allowed or not, and why (the API server's reason text, often empty on denial).</summary>
public readonly record struct AccessDecision(bool Allowed, string Reason);
