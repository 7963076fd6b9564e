using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Primitives;

/// <summary>
/// Kubernetes name, label and quantity syntax as apimachinery checks it, with apimachinery's messages: the one
/// implementation behind spec validation, label selectors and the build.
/// </summary>
public static partial class KubernetesNames
{
    /// <summary>Maximum length of a DNS-1123 label and of a label value.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Maximum length of a DNS-1123 subdomain.</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>apimachinery's description of a qualified name part, quoted in its messages.</summary>
    public const string QualifiedNameRule = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string SubdomainRule = "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelValueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /// <summary>A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63.</summary>
    public static bool IsDns1123Label(string value) => value.Length <= MaxLabelLength && Dns1123Label().IsMatch(value);

    /// <summary>A DNS-1123 subdomain: dot-separated labels, at most 253.</summary>
    public static bool IsDns1123Subdomain(string value) => value.Length <= MaxSubdomainLength && Dns1123Subdomain().IsMatch(value);

    /// <summary>A label or annotation key: optional DNS subdomain prefix and '/', then a name of at most 63.</summary>
    public static bool IsQualifiedName(string value) => QualifiedNameErrors(value).Count == 0;

    /// <summary>A label value: empty, or at most 63 alphanumerics, '-', '_' and '.', starting and ending alphanumeric.</summary>
    public static bool IsLabelValue(string value) => LabelValueErrors(value).Count == 0;

    /// <summary>A resource quantity such as <c>10Gi</c>, <c>500M</c> or <c>1e3</c>.</summary>
    public static bool IsQuantity(string value) => Quantity().IsMatch(value);

    /// <summary>apimachinery's <c>IsQualifiedName</c>: every problem of a label or annotation key, in its words; empty when valid.</summary>
    public static IReadOnlyList<string> QualifiedNameErrors(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split('/');
        if (parts.Length > 2)
        {
            return [$"a qualified name {QualifiedNameRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }

        var errors = new List<string>();
        var name = parts[^1];
        if (parts.Length == 2)
        {
            var prefix = parts[0];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else if (prefix.Length > MaxSubdomainLength)
            {
                errors.Add($"prefix part must be no more than {MaxSubdomainLength} characters");
            }
            else if (!Dns1123Subdomain().IsMatch(prefix))
            {
                errors.Add("prefix part " + SubdomainRule);
            }
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > MaxLabelLength)
        {
            errors.Add($"name part must be no more than {MaxLabelLength} characters");
        }

        if (name.Length > 0 && !QualifiedNamePart().IsMatch(name))
        {
            errors.Add("name part " + QualifiedNameRule);
        }

        return errors;
    }

    /// <summary>apimachinery's <c>IsValidLabelValue</c>: every problem of a label value, in its words; empty when valid.</summary>
    public static IReadOnlyList<string> LabelValueErrors(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        if (value.Length > MaxLabelLength)
        {
            errors.Add($"must be no more than {MaxLabelLength} characters");
        }

        if (value.Length > 0 && !QualifiedNamePart().IsMatch(value))
        {
            errors.Add(LabelValueRule);
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$")]
    private static partial Regex Quantity();
}
