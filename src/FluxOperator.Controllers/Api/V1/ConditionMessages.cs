namespace FluxOperator.Controllers.Api.V1;

/// <summary>Fixed condition and event messages (exact upstream strings); variable ones are built where they happen.</summary>
public static class ConditionMessages
{
    /// <summary>Ready=Unknown and Reconciling=True while a pass runs.</summary>
    public const string InProgress = "Reconciliation in progress";

    /// <summary>Ready=True on an object first seen with reconciliation disabled.</summary>
    public const string InitializedDisabled = "Initialized with reconciliation suspended";

    /// <summary>Prefix of the message of a terminal configuration error.</summary>
    public const string TerminalConfigurationError = "Reconciliation failed terminally due to configuration error";

    /// <summary>Warning event on a disabled object.</summary>
    public const string Disabled = "Reconciliation is disabled";
}
