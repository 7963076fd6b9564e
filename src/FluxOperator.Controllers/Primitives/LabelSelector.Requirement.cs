using System.Globalization;

namespace FluxOperator.Controllers.Primitives;

/// <summary>Key and value checks with apimachinery's messages, and the selector's requirements.</summary>
public sealed partial class LabelSelector
{
    private static string ValidKey(string key)
    {
        var errors = KubernetesNames.QualifiedNameErrors(key);
        return errors.Count == 0 ? key : throw new FormatException($"invalid label key \"{key}\": {string.Join("; ", errors)}");
    }

    private static void ValidValue(string key, string value)
    {
        var errors = KubernetesNames.LabelValueErrors(value);
        if (errors.Count > 0)
        {
            throw new FormatException($"invalid label value: \"{value}\": at key: \"{key}\": {string.Join("; ", errors)}");
        }
    }

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
