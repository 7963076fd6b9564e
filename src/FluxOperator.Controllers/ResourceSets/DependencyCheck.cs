using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// The <c>spec.dependsOn</c> gate: every listed object must exist and, with <c>ready: true</c>, be ready by its
/// <c>readyExpr</c>, by the Ready condition (the operator's own kinds) or by kstatus. Read with the operator's identity,
/// in spec order, stopping at the first failure.
/// </summary>
public sealed class DependencyCheck
{
    /// <summary>The health rule applied to FluxInstances, ResourceSets and providers when no <c>readyExpr</c> is given.</summary>
    public const string OperatorKindsReadyExpression =
        "status.conditions.filter(c, c.type == 'Ready').all(c, c.status == 'True' && c.observedGeneration == metadata.generation)";

    private readonly KubeApiClient _client;
    private readonly IReadyExpressions? _expressions;

    /// <summary>Creates the check.</summary>
    public DependencyCheck(KubeApiClient client, IReadyExpressions? expressions)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _expressions = expressions;
    }

    /// <summary>
    /// The configuration error of the first <c>readyExpr</c> that does not parse (only entries with <c>ready: true</c>
    /// count), or null when all are usable.
    /// </summary>
    public string? InvalidExpression(ResourceSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var dependency in set.Spec.DependsOn ?? [])
        {
            if (!dependency.ReadyOrDefault || string.IsNullOrEmpty(dependency.ReadyExpr))
            {
                continue;
            }

            var error = _expressions is null
                ? $"failed to parse the CEL expression '{dependency.ReadyExpr}': no CEL evaluator is available in this build"
                : _expressions.ParseError(dependency.ReadyExpr);
            if (error is not null)
            {
                return $"failed to parse expression for dependency {dependency.Subject}: {error}";
            }
        }

        return null;
    }

    /// <summary>Null when every dependency is satisfied, otherwise why the first one is not.</summary>
    public async Task<string?> UnsatisfiedAsync(ResourceSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var dependency in set.Spec.DependsOn ?? [])
        {
            var problem = await CheckAsync(set, dependency, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private async Task<string?> CheckAsync(ResourceSet set, ResourceSetDependency dependency, CancellationToken cancellationToken)
    {
        var subject = dependency.Subject;
        JsonObject? live;
        try
        {
            var gvk = GroupVersionKind.From(dependency.ApiVersion, dependency.Kind);
            var type = await _client.Mapper.MapAsync(gvk, cancellationToken);
            live = await _client.GetAsync(type, type.Namespaced ? NullIfEmpty(dependency.Namespace) : null, dependency.Name, cancellationToken);
            if (live is null)
            {
                return $"dependency {subject} not found: {ResourceSetInputs.NotFound(type, dependency.Name)}";
            }
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            return $"dependency {subject} not found: {e.Message}";
        }

        Conceal(live, set);
        if (!dependency.ReadyOrDefault)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(dependency.ReadyExpr))
        {
            if (_expressions is null)
            {
                return $"failed to evaluate the CEL expression '{dependency.ReadyExpr}': no CEL evaluator is available in this build";
            }

            try
            {
                return _expressions.Evaluate(dependency.ReadyExpr, live) ? null : $"dependency {subject} not ready: expression '{dependency.ReadyExpr}'";
            }
            catch (ReadyExpressionException e)
            {
                return e.Message;
            }
        }

        if (dependency.ApiVersion.StartsWith(ApiGroup.Group + "/", StringComparison.Ordinal)
            && dependency.Kind is ResourceSet.KubeKind or ResourceSetInputProvider.KubeKind)
        {
            return OperatorKindReady(live) switch
            {
                null => $"failed to evaluate the CEL expression '{OperatorKindsReadyExpression}': no such key: conditions",
                true => null,
                false => $"dependency {subject} not ready",
            };
        }

        var health = KStatus.Compute(live);
        return health.Status == HealthStatus.Current ? null : $"dependency {subject} not ready: status {health.Status}";
    }

    /// <summary>What a dependency expression may see: no client-side apply record, no Secret data of other namespaces.</summary>
    private static void Conceal(JsonObject live, ResourceSet set)
    {
        (live["metadata"]?["annotations"] as JsonObject)?.Remove(AnnotationKeys.LastAppliedConfiguration);
        if (live["apiVersion"]?.ToString() == "v1" && live["kind"]?.ToString() == "Secret"
            && ObjectMeta.Namespace(live) != set.Metadata.NamespaceProperty)
        {
            live.Remove("data");
        }
    }

    // The built-in rule for the operator's kinds; null when the object has no conditions to judge.
    private static bool? OperatorKindReady(JsonObject live)
    {
        if (live["status"]?["conditions"] is not JsonArray conditions)
        {
            return null;
        }

        var generation = live["metadata"]?["generation"]?.GetValue<long>();
        return conditions.OfType<JsonObject>()
            .Where(c => c["type"]?.ToString() == ConditionTypes.Ready)
            .All(c => c["status"]?.ToString() == "True" && c["observedGeneration"] is JsonValue g && g.TryGetValue<long>(out var observed) && observed == generation);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
