using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// <c>spec.distribution</c>: whether Flux is installed (its GitRepository CRD), which version and who manages it
/// (the CRD's labels), and the entitlement (the entitlement Secret). Never fails: read errors leave the defaults.
/// </summary>
public sealed class DistributionCollector(KubeApiClient client, string @namespace)
{
    /// <summary>Installed Flux.</summary>
    public const string Installed = "Installed";

    /// <summary>No Flux CRDs.</summary>
    public const string NotInstalled = "Not Installed";

    /// <summary>The initial report, before any pass.</summary>
    public const string Unknown = "Unknown";

    /// <summary>Computes the distribution block; <paramref name="artifactProblem"/> (registry down) is appended to an installed status.</summary>
    public async Task<FluxDistributionStatus> CollectAsync(string? artifactProblem, CancellationToken cancellationToken)
    {
        var result = new FluxDistributionStatus { Status = NotInstalled, Entitlement = Unknown };
        try
        {
            if (await client.GetAsync(KubeResources.CustomResourceDefinition, null, ReportResources.GitRepositoryCrd, cancellationToken) is { } crd)
            {
                result.Status = Installed;
                result.Version = JsonFields.Label(crd, LabelKeys.Version);
                result.ManagedBy = JsonFields.Label(crd, LabelKeys.ManagedBy)
                    ?? (JsonFields.Label(crd, LabelKeys.KustomizeName) is not null ? "flux bootstrap" : null);
            }
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            // The spec: this step never fails; an unreadable CRD reads as not installed.
        }

        if (result.Status == Installed && !string.IsNullOrEmpty(artifactProblem))
        {
            // Users asked for one place that says upgrades are blocked: the installation keeps running as it is.
            result.Status = $"{Installed} (distribution artifact unavailable: {artifactProblem})";
        }

        try
        {
            if (await client.GetAsync(KubeResources.Secret, @namespace, ReportResources.EntitlementSecret, cancellationToken) is { } secret
                && secret["data"]?["token"] is not null)
            {
                var vendor = JsonFields.Text(secret["data"]?["vendor"]) is { Length: > 0 } encoded ? Decode(encoded) : null;
                result.Entitlement = vendor is { Length: > 0 } ? $"Issued by {vendor}" : "Issued";
            }
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            // Entitlement stays Unknown.
        }

        return result;
    }

    private static string? Decode(string base64)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
