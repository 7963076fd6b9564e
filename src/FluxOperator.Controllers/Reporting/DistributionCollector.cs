using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// <c>spec.distribution</c>: whether Flux is installed (its GitRepository CRD), which version and who manages it
/// (the CRD's labels), and the entitlement (the entitlement Secret). Never fails. Only an absent object means
/// "not installed" or "not issued"; any other read error (forbidden, server error, timeout) leaves the field
/// <c>Unknown</c> with the reason beside it and is returned, so the report never claims Flux is missing when the
/// operator merely could not look.
/// </summary>
public sealed class DistributionCollector(IKubeClient client, string @namespace)
{
    /// <summary>Installed Flux.</summary>
    public const string Installed = "Installed";

    /// <summary>No Flux CRDs.</summary>
    public const string NotInstalled = "Not Installed";

    /// <summary>The initial report, before any pass.</summary>
    public const string Unknown = "Unknown";

    /// <summary>Computes the distribution block; <paramref name="artifactProblem"/> (registry down) is appended to an installed status.</summary>
    /// <param name="artifactProblem">Why the distribution artifact cannot be pulled, or null.</param>
    /// <param name="errors">Receives one message per object that could not be read.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<FluxDistributionStatus> CollectAsync(string? artifactProblem, ICollection<string> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
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
        catch (Exception e) when (IsReadFailure(e, cancellationToken))
        {
            var error = $"failed to read CustomResourceDefinition {ReportResources.GitRepositoryCrd}: {Reason(e)}";
            result.Status = $"{Unknown} ({error})";
            errors.Add(error);
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
        catch (Exception e) when (IsReadFailure(e, cancellationToken))
        {
            var error = $"failed to read Secret {@namespace}/{ReportResources.EntitlementSecret}: {Reason(e)}";
            result.Entitlement = $"{Unknown} ({error})";
            errors.Add(error);
        }

        return result;
    }

    /// <summary>An API error other than not-found (those read as null), a transport error, or a client timeout.</summary>
    internal static bool IsReadFailure(Exception e, CancellationToken cancellationToken) =>
        e is KubeApiException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>One line for the report: a timeout says so instead of "a task was canceled".</summary>
    internal static string Reason(Exception e) => e is OperationCanceledException ? "timed out" : e.Message;

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
