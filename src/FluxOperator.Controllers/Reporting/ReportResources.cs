namespace FluxOperator.Controllers.Reporting;

/// <summary>The names of the objects the report looks for.</summary>
public static class ReportResources
{
    /// <summary>The CRD whose presence means Flux is installed.</summary>
    public const string GitRepositoryCrd = "gitrepositories.source.toolkit.fluxcd.io";

    /// <summary>The Secret the entitlement controller keeps in the operator namespace.</summary>
    public const string EntitlementSecret = "flux-operator-entitlement";

    /// <summary>The only accepted name of the FluxInstance and the FluxReport.</summary>
    public const string SingletonName = "flux";
}
