using System.Text;
using FluxOperator.Controllers.Api.V1;
using k8s.Models;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The Ready / Reconciling / Stalled bookkeeping (docs/reconciliation.md#conditions) on a status value: transition times move only when
/// status, reason or message change, conditions stay sorted Stalled, Reconciling, Ready, then others.
/// </summary>
public static class InstanceConditions
{
    /// <summary>Longest message kept; longer ones are cut and end with <c>...</c>.</summary>
    public const int MaxMessageBytes = 32_768;

    /// <summary>Sets (or replaces) one condition.</summary>
    public static void Set(IConditionedStatus status, string type, string value, string reason, string message, long generation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var conditions = status.Conditions ??= [];
        message = Truncate(message);
        var existing = conditions.Find(c => c.Type == type);
        var changed = existing is null || existing.Status != value || existing.Reason != reason || existing.Message != message;
        var transition = changed ? Seconds(now) : existing!.LastTransitionTime;
        conditions.RemoveAll(c => c.Type == type);
        conditions.Add(new V1Condition
        {
            Type = type,
            Status = value,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = transition,
        });
        Sort(conditions);
    }

    /// <summary>Removes one condition, if present.</summary>
    public static void Remove(IConditionedStatus status, string type)
    {
        ArgumentNullException.ThrowIfNull(status);
        status.Conditions?.RemoveAll(c => c.Type == type);
    }

    /// <summary>Ready=Unknown and Reconciling=True, both <c>Progressing</c>; Stalled removed.</summary>
    public static void MarkInProgress(IConditionedStatus status, long generation, DateTimeOffset now)
    {
        Set(status, ConditionTypes.Ready, "Unknown", ConditionReasons.Progressing, ConditionMessages.InProgress, generation, now);
        Set(status, ConditionTypes.Reconciling, "True", ConditionReasons.Progressing, ConditionMessages.InProgress, generation, now);
        Remove(status, ConditionTypes.Stalled);
    }

    /// <summary>Ready=False with the failure; Reconciling stays (retried) or Stalled is set (terminal).</summary>
    public static void MarkFailed(IConditionedStatus status, string reason, string message, bool stalled, long generation, DateTimeOffset now)
    {
        Set(status, ConditionTypes.Ready, "False", reason, message, generation, now);
        if (stalled)
        {
            Set(status, ConditionTypes.Stalled, "True", reason, message, generation, now);
            Remove(status, ConditionTypes.Reconciling);
        }
        else if (status.Condition(ConditionTypes.Reconciling) is null)
        {
            Set(status, ConditionTypes.Reconciling, "True", ConditionReasons.ProgressingWithRetry, ConditionMessages.InProgress, generation, now);
        }
    }

    /// <summary>Ready=True; Reconciling and Stalled removed.</summary>
    public static void MarkSucceeded(IConditionedStatus status, string message, long generation, DateTimeOffset now)
    {
        Set(status, ConditionTypes.Ready, "True", ConditionReasons.ReconciliationSucceeded, message, generation, now);
        Remove(status, ConditionTypes.Reconciling);
        Remove(status, ConditionTypes.Stalled);
    }

    /// <summary>
    /// The exit step's rules: a failed Ready turns Reconciling into <c>ProgressingWithRetry</c>;
    /// a final Ready=True or Stalled=True removes Reconciling.
    /// </summary>
    public static void Finalise(IConditionedStatus status, long generation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var ready = status.Condition(ConditionTypes.Ready);
        var reconciling = status.Condition(ConditionTypes.Reconciling);
        if (ready?.Status == "False" && reconciling is not null && reconciling.Reason != ConditionReasons.ProgressingWithRetry)
        {
            Set(status, ConditionTypes.Reconciling, reconciling.Status, ConditionReasons.ProgressingWithRetry, reconciling.Message, generation, now);
        }

        if (ready?.Status == "True" || status.Condition(ConditionTypes.Stalled)?.Status == "True")
        {
            Remove(status, ConditionTypes.Reconciling);
        }
    }

    private static void Sort(List<V1Condition> conditions)
    {
        var ordered = conditions
            .Select((c, i) => (c, i))
            .OrderBy(x => Rank(x.c.Type))
            .ThenBy(x => x.i)
            .Select(x => x.c)
            .ToList();
        conditions.Clear();
        conditions.AddRange(ordered);
    }

    private static int Rank(string type)
    {
        for (var i = 0; i < ConditionTypes.Order.Count; i++)
        {
            if (ConditionTypes.Order[i] == type)
            {
                return i;
            }
        }

        return ConditionTypes.Order.Count;
    }

    private static DateTime Seconds(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private static string Truncate(string message)
    {
        if (Encoding.UTF8.GetByteCount(message) <= MaxMessageBytes)
        {
            return message;
        }

        var budget = MaxMessageBytes - 3;
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in message.EnumerateRunes())
        {
            used += rune.Utf8SequenceLength;
            if (used > budget)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.Append("...").ToString();
    }
}
