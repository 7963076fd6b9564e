namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// An anticipated failure of a pass (fetch failed, build failed, invalid spec, the API refused a write): the reconciler
/// has reported it on the object, so the controller logs its message as one line, like controller-runtime's
/// <c>Reconciler error</c>. Any other exception escaping a reconciler is a bug and is logged with its stack trace.
/// </summary>
public class ReconcileError : Exception
{
    /// <summary>Creates the error.</summary>
    public ReconcileError()
        : base("reconcile error")
    {
    }

    /// <summary>Creates the error with the message the log line shows.</summary>
    public ReconcileError(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error wrapping its cause; the cause's stack is not logged.</summary>
    public ReconcileError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True for failures that come from outside the process (API server, network, registry, files) and therefore
    /// need no stack trace in the log.
    /// </summary>
    public static bool IsAnticipated(Exception error) =>
        error is ReconcileError or TerminalException or Kube.KubeApiException or HttpRequestException or IOException or TimeoutException
            or UnauthorizedAccessException;
}
