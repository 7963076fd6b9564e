using System.Text.Json.Nodes;

namespace KubeApiEmulator.Json;

/// <summary>
/// The protobuf bodies of the RBAC kinds (<c>kubectl create role|clusterrole|rolebinding|clusterrolebinding</c>) and of the
/// access reviews (<c>kubectl auth can-i</c>, <c>kubectl auth whoami</c>), field numbers as in k8s.io/api's generated.proto.
/// </summary>
public static partial class ProtobufObjects
{
    private static JsonObject? TryDecodeAuthorization(string? apiVersion, string? kind, byte[] raw)
    {
        Action<int, ReadOnlyMemory<byte>, JsonObject>? body = (apiVersion, kind) switch
        {
            ("rbac.authorization.k8s.io/v1", "Role" or "ClusterRole") => RoleField,
            ("rbac.authorization.k8s.io/v1", "RoleBinding" or "ClusterRoleBinding") => BindingField,
            ("authorization.k8s.io/v1", "SelfSubjectAccessReview" or "SubjectAccessReview" or "LocalSubjectAccessReview") => (f, v, o) => Spec(f, v, o, AccessReviewSpec),
            ("authorization.k8s.io/v1", "SelfSubjectRulesReview") => (f, v, o) => Spec(f, v, o, RulesReviewSpec),
            ("authentication.k8s.io/v1", "SelfSubjectReview") => (_, _, _) => { },
            _ => null,
        };
        if (body is null)
        {
            return null;
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (field, value) in Fields(raw))
        {
            if (field == 1)
            {
                obj["metadata"] = Metadata(value);
            }
            else if (field >= 2)
            {
                body(field, value, obj);
            }
        }

        return obj;
    }

    private static void RoleField(int field, ReadOnlyMemory<byte> value, JsonObject role)
    {
        if (field == 2)
        {
            Append(role, "rules", Rule(value));
        }
        else if (field == 3)
        {
            var selectors = new JsonArray();
            foreach (var (f, selector) in Fields(value))
            {
                if (f == 1)
                {
                    selectors.Add(LabelSelector(selector));
                }
            }

            role["aggregationRule"] = new JsonObject { ["clusterRoleSelectors"] = selectors };
        }
    }

    private static void BindingField(int field, ReadOnlyMemory<byte> value, JsonObject binding)
    {
        if (field == 2)
        {
            Append(binding, "subjects", Strings(value, (1, "kind"), (2, "apiGroup"), (3, "name"), (4, "namespace")));
        }
        else if (field == 3)
        {
            binding["roleRef"] = Strings(value, (1, "apiGroup"), (2, "kind"), (3, "name"));
        }
    }

    private static JsonObject Rule(ReadOnlyMemory<byte> rule)
    {
        var result = new JsonObject();
        var names = new[] { "", "verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs" };
        foreach (var (field, value) in Fields(rule))
        {
            if (field is >= 1 and <= 5)
            {
                Append(result, names[field], Text(value));
            }
        }

        return result;
    }

    private static JsonObject LabelSelector(ReadOnlyMemory<byte> selector)
    {
        var result = new JsonObject();
        foreach (var (field, value) in Fields(selector))
        {
            if (field == 1)
            {
                AddEntry(result, "matchLabels", value, v => Text(v));
            }
            else if (field == 2)
            {
                var expression = Strings(value, (1, "key"), (2, "operator"));
                foreach (var (f, v) in Fields(value))
                {
                    if (f == 3)
                    {
                        Append(expression, "values", Text(v));
                    }
                }

                Append(result, "matchExpressions", expression);
            }
        }

        return result;
    }

    private static void Spec(int field, ReadOnlyMemory<byte> value, JsonObject review, Action<int, (ReadOnlyMemory<byte> Value, JsonObject Spec)> specField)
    {
        if (field == 2)
        {
            var spec = new JsonObject();
            foreach (var (f, v) in Fields(value))
            {
                specField(f, (v, spec));
            }

            review["spec"] = spec;
        }
    }

    private static void RulesReviewSpec(int field, (ReadOnlyMemory<byte> Value, JsonObject Spec) at)
    {
        if (field == 1)
        {
            at.Spec["namespace"] = Text(at.Value);
        }
    }

    private static void AccessReviewSpec(int field, (ReadOnlyMemory<byte> Value, JsonObject Spec) at)
    {
        switch (field)
        {
            case 1:
                at.Spec["resourceAttributes"] = Strings(at.Value, (1, "namespace"), (2, "verb"), (3, "group"), (4, "version"), (5, "resource"), (6, "subresource"), (7, "name"));
                break;
            case 2:
                at.Spec["nonResourceAttributes"] = Strings(at.Value, (1, "path"), (2, "verb"));
                break;
            case 3:
                at.Spec["user"] = Text(at.Value);
                break;
            case 4:
                Append(at.Spec, "groups", Text(at.Value));
                break;
            case 5:
                var key = "";
                var values = new JsonArray();
                foreach (var (f, v) in Fields(at.Value))
                {
                    if (f == 1)
                    {
                        key = Text(v);
                    }
                    else if (f == 2)
                    {
                        foreach (var (ef, ev) in Fields(v))
                        {
                            if (ef == 1)
                            {
                                values.Add(Text(ev));
                            }
                        }
                    }
                }

                if (at.Spec["extra"] is not JsonObject extra)
                {
                    extra = [];
                    at.Spec["extra"] = extra;
                }

                extra[key] = values;
                break;
            case 6:
                at.Spec["uid"] = Text(at.Value);
                break;
        }
    }

    private static JsonObject Strings(ReadOnlyMemory<byte> message, params (int Field, string Name)[] names)
    {
        var result = new JsonObject();
        foreach (var (field, value) in Fields(message))
        {
            foreach (var (number, name) in names)
            {
                // Empty strings are left out, as the JSON form omits them.
                if (number == field && value.Length > 0)
                {
                    result[name] = Text(value);
                }
            }
        }

        return result;
    }

    private static void Append(JsonObject target, string property, JsonNode value)
    {
        if (target[property] is not JsonArray list)
        {
            list = [];
            target[property] = list;
        }

        list.Add(value);
    }
}
