using System.Globalization;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Label key and value validation with apimachinery's messages, and the selector's requirements.</summary>
internal sealed partial class LabelSelector
{
    private const string NameRule = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /// <summary>apimachinery's IsQualifiedName, with its messages.</summary>
    private static string ValidKey(string key)
    {
        var parts = key.Split('/');
        var errors = new List<string>();
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            (var prefix, name) = (parts[0], parts[1]);
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else if (prefix.Length > 253)
            {
                errors.Add("prefix part must be no more than 253 characters");
            }
            else if (!SubdomainPattern().IsMatch(prefix))
            {
                errors.Add("prefix part a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
            }
        }
        else
        {
            throw new FormatException($"invalid label key \"{key}\": a qualified name {NameRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part must be no more than 63 characters");
        }

        if (name.Length > 0 && !NamePattern().IsMatch(name))
        {
            errors.Add("name part " + NameRule);
        }

        return errors.Count == 0 ? key : throw new FormatException($"invalid label key \"{key}\": {string.Join("; ", errors)}");
    }

    private static void ValidValue(string key, string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (value.Length > 0 && !NamePattern().IsMatch(value))
        {
            errors.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }

        if (errors.Count > 0)
        {
            throw new FormatException($"invalid label value: \"{value}\": at key: \"{key}\": {string.Join("; ", errors)}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    private sealed record Requirement(string Key, Operator Op, List<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var present = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Exists => present,
                Operator.DoesNotExist => !present,
                Operator.Equals or Operator.In => present && Values.Contains(value!),
                Operator.NotEquals or Operator.NotIn => !present || !Values.Contains(value!),
                Operator.GreaterThan => present && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g) && g > long.Parse(Values[0], CultureInfo.InvariantCulture),
                Operator.LessThan => present && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && l < long.Parse(Values[0], CultureInfo.InvariantCulture),
                _ => false,
            };
        }
    }
}
