using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Kubernetes name, label and quantity syntax, as the API server checks it when the rendered objects are applied.</summary>
public static partial class KubernetesNames
{
    /// <summary>Maximum length of a DNS-1123 label and of a label value.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63.</summary>
    public static bool IsDns1123Label(string value) => value.Length <= MaxLabelLength && Dns1123Label().IsMatch(value);

    /// <summary>A DNS-1123 subdomain: dot-separated labels, at most 253.</summary>
    public static bool IsDns1123Subdomain(string value) => value.Length <= 253 && Dns1123Subdomain().IsMatch(value);

    /// <summary>A label or annotation key: optional DNS subdomain prefix and '/', then a name of at most 63.</summary>
    public static bool IsQualifiedName(string value)
    {
        var slash = value.LastIndexOf('/');
        var name = slash < 0 ? value : value[(slash + 1)..];
        if (slash >= 0 && (slash == 0 || !IsDns1123Subdomain(value[..slash])))
        {
            return false;
        }

        return name.Length is > 0 and <= MaxLabelLength && QualifiedNamePart().IsMatch(name);
    }

    /// <summary>A label value: empty, or at most 63 alphanumerics, '-', '_' and '.', starting and ending alphanumeric.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= MaxLabelLength && QualifiedNamePart().IsMatch(value));

    /// <summary>A resource quantity such as <c>10Gi</c>, <c>500M</c> or <c>1e3</c>.</summary>
    public static bool IsQuantity(string value) => Quantity().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$")]
    private static partial Regex Quantity();
}
