using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeApiEmulator.Json;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Selection;
using KubeApiEmulator.Semantics;

namespace KubeApiEmulator.Auth;

/// <summary>
/// The clusterrole-aggregation controller: a ClusterRole with an <c>aggregationRule</c> gets as <c>rules</c> the union of the
/// rules of every other ClusterRole its selectors match (in name order, duplicates dropped), kept current as roles change.
/// Like the real controller it runs after the write that changed a role, not inside it.
/// </summary>
public sealed class ClusterRoleAggregation : IAsyncDisposable
{
    /// <summary>Field manager of the controller's writes.</summary>
    public const string Manager = "clusterrole-aggregation-controller";

    private readonly ClusterState _state;
    private readonly ResourceType _clusterRoles;
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<TaskCompletionSource> _waiting = [];

    /// <summary>Starts the controller over a cluster state, woken by the policy's ClusterRole changes.</summary>
    public ClusterRoleAggregation(ClusterState state, RbacPolicy policy)
    {
        _state = state;
        _clusterRoles = state.Catalog.Find(RbacPolicy.Group, "v1", "clusterroles")!;
        policy.ClusterRolesChanged += () => _changed.Writer.TryWrite(true);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Brings every aggregated ClusterRole up to date now. Aggregated roles may themselves be aggregated (<c>edit</c> into
    /// <c>admin</c>), so passes repeat until one changes nothing: a waiter must never see a write after it settled.
    /// </summary>
    public void Reconcile()
    {
        for (var pass = 0; pass < 10 && ReconcileOnce(); pass++)
        {
        }
    }

    private bool ReconcileOnce()
    {
        var changed = false;
        var roles = _state.List(_clusterRoles, null, LabelSelector.Everything, FieldSelector.Parse(null), null, null).Items
            .Select(o => (o.Name, o.Labels, Node: JsonBytes.ToObject(o.Json))).ToArray();
        foreach (var (name, _, role) in roles)
        {
            if (role["aggregationRule"]?["clusterRoleSelectors"] is not JsonArray selectors)
            {
                continue;
            }

            var matchers = selectors.Select(s => LabelSelector.Parse(SelectorText(s))).ToArray();
            var rules = new List<PolicyRule>();
            foreach (var (otherName, labels, other) in roles.Where(r => r.Name != name).OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                if (!matchers.Any(m => m.Matches(labels)))
                {
                    continue;
                }

                foreach (var rule in PolicyRule.AllOf(other))
                {
                    if (!rules.Exists(r => r.SameAs(rule)))
                    {
                        rules.Add(rule);
                    }
                }
            }

            var current = PolicyRule.AllOf(role);
            if (current.Length == rules.Count && current.Zip(rules).All(p => p.First.SameAs(p.Second)))
            {
                continue;
            }

            var patch = new JsonObject { ["rules"] = new JsonArray(rules.Select(r => (JsonNode)r.ToJson()).ToArray()) };
            try
            {
                _state.Patch(_clusterRoles, null, name, "application/merge-patch+json", JsonBytes.From(patch), new WriteOptions(Manager), status: false);
                changed = true;
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Deleted or changed meanwhile: the change that did it wakes the controller again.
            }
        }

        return changed;
    }

    /// <summary>Completes after a pass that began after this call: every ClusterRole change made before it is aggregated.</summary>
    public Task SettledAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            _waiting.Add(done);
        }

        _changed.Writer.TryWrite(true);
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the controller.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _changed.Writer.TryComplete();
        await _loop;
        _stop.Dispose();
    }

    // The query-string form of a LabelSelector object (matchLabels and matchExpressions), which LabelSelector parses.
    private static string SelectorText(JsonNode? selector)
    {
        var terms = new List<string>();
        foreach (var (key, value) in selector?["matchLabels"] as JsonObject ?? [])
        {
            terms.Add($"{key}={value}");
        }

        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression["key"]?.ToString() ?? "";
            var values = string.Join(',', (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()));
            terms.Add(expression["operator"]?.ToString() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                _ => "!" + key,
            });
        }

        return string.Join(',', terms);
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _changed.Reader.WaitToReadAsync(_stop.Token))
            {
                _changed.Reader.TryRead(out _);
                TaskCompletionSource[] waiting;
                lock (_waiting)
                {
                    waiting = [.. _waiting];
                    _waiting.Clear();
                }

                try
                {
                    Reconcile();
                }
                finally
                {
                    foreach (var done in waiting)
                    {
                        done.TrySetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
