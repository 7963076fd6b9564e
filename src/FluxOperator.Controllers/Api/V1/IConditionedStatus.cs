using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>A status with kstatus conditions (<c>Ready</c>, <c>Reconciling</c>, <c>Stalled</c>), as every reconciled kind has.</summary>
public interface IConditionedStatus
{
    /// <summary>The conditions, null when none were written yet.</summary>
    List<V1Condition>? Conditions { get; set; }

    /// <summary>The condition of this type, or null.</summary>
    V1Condition? Condition(string type) => Conditions?.Find(c => c.Type == type);
}
