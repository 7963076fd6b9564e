namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>What happens to an object's dependents when it is deleted.</summary>
public enum PropagationPolicy
{
    /// <summary>The owner goes now, dependents are collected afterwards.</summary>
    Background,

    /// <summary>The owner goes after its dependents.</summary>
    Foreground,

    /// <summary>Dependents are kept and lose the owner reference.</summary>
    Orphan,
}
