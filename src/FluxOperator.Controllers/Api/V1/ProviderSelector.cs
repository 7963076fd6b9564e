using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>A Kubernetes label selector (<c>matchLabels</c> and <c>matchExpressions</c>, all ANDed).</summary>
[SchemaAtomic]
[SchemaDescription("A label selector: matchLabels and matchExpressions, all of which must match.")]
public sealed class ProviderSelector
{
    /// <summary>Requirements on label values.</summary>
    [JsonPropertyName("matchExpressions")]
    [SchemaAtomic]
    [SchemaDescription("matchExpressions lists label requirements; all must match.")]
    public List<SelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>Labels that must be present with these values.</summary>
    [JsonPropertyName("matchLabels")]
    [SchemaDescription("matchLabels maps label keys to required values.")]
    public Dictionary<string, string>? MatchLabels { get; set; }

    /// <summary>The selector in the query-string form of the API server (<c>a=b,c in (d,e)</c>); empty selects all.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        foreach (var (key, value) in (MatchLabels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            parts.Add($"{key}={value}");
        }

        foreach (var requirement in MatchExpressions ?? [])
        {
            var values = string.Join(',', (requirement.Values ?? []).Order(StringComparer.Ordinal));
            parts.Add(requirement.Operator switch
            {
                "In" => $"{requirement.Key} in ({values})",
                "NotIn" => $"{requirement.Key} notin ({values})",
                "Exists" => requirement.Key,
                "DoesNotExist" => $"!{requirement.Key}",
                _ => throw new FormatException($"\"{requirement.Operator}\" is not a valid label selector operator"),
            });
        }

        return string.Join(',', parts);
    }
}

/// <summary>One <c>matchExpressions</c> entry.</summary>
[SchemaDescription("A label requirement: a key, an operator (In, NotIn, Exists, DoesNotExist) and values.")]
public sealed class SelectorRequirement
{
    /// <summary>The label key.</summary>
    [JsonPropertyName("key")]
    [SchemaRequired]
    [SchemaDescription("key is the label key the requirement applies to.")]
    public string Key { get; set; } = "";

    /// <summary><c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>.</summary>
    [JsonPropertyName("operator")]
    [SchemaRequired]
    [SchemaDescription("operator is one of In, NotIn, Exists and DoesNotExist.")]
    public string Operator { get; set; } = "";

    /// <summary>Values for <c>In</c> and <c>NotIn</c>.</summary>
    [JsonPropertyName("values")]
    [SchemaAtomic]
    [SchemaDescription("values must be non-empty for In and NotIn and empty for Exists and DoesNotExist.")]
    public List<string>? Values { get; set; }
}
