using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reporting;

/// <summary>Running totals of one kind while its pages stream past: nothing of an object is kept after it is counted.</summary>
public sealed class ReconcilerTally(FluxKind kind)
{
    private const string DependencyNotReady = "DependencyNotReady";

    /// <summary>The kind counted.</summary>
    public FluxKind Kind { get; } = kind;

    /// <summary>Objects seen.</summary>
    public int Total { get; private set; }

    /// <summary>Suspended objects.</summary>
    public int Suspended { get; private set; }

    /// <summary>Not suspended, Ready=False for a reason other than DependencyNotReady.</summary>
    public int Failing { get; private set; }

    /// <summary>Sum of <c>status.artifact.size</c>.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Counts one object.</summary>
    public void Add(JsonObject obj)
    {
        Total++;
        var suspended = Kind.IsOperatorKind
            ? IsDisabled(JsonFields.Label(obj, AnnotationKeys.Reconcile)) || IsDisabled(JsonFields.Annotation(obj, AnnotationKeys.Reconcile))
            : JsonFields.IsTrue(obj["spec"]?["suspend"]);
        if (suspended)
        {
            Suspended++;
        }
        else if (JsonFields.Condition(obj, ConditionTypes.Ready) is { } ready
                 && JsonFields.Text(ready["status"]) == "False"
                 && JsonFields.Text(ready["reason"]) != DependencyNotReady)
        {
            Failing++;
        }

        if (!Kind.IsOperatorKind)
        {
            TotalBytes += JsonFields.Long(obj["status"]?["artifact"]?["size"]);
        }
    }

    /// <summary>The report entry.</summary>
    public FluxReconcilerStatus ToStatus() => new()
    {
        ApiVersion = Kind.ApiVersion,
        Kind = Kind.Kind,
        Stats = new FluxReconcilerStats
        {
            Running = Total - Suspended,
            Failing = Failing,
            Suspended = Suspended,
            TotalSize = Kind.IsOperatorKind ? null : ByteSize.Format(TotalBytes),
        },
    };

    private static bool IsDisabled(string? value) => string.Equals(value, AnnotationKeys.DisabledValue, StringComparison.OrdinalIgnoreCase);
}
