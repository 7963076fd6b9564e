using System.CommandLine;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary>An expected failure of a cluster command, shown as its one <c>✗</c> line.</summary>
internal sealed class CliException(string message) : Exception(message)
{
    public CliException()
        : this("the command failed")
    {
    }

    public CliException(string message, Exception innerException)
        : this(message + ": " + innerException.Message)
    {
    }
}

/// <summary>
/// Runs a cluster command: connects with the flags, bounds it by <c>--timeout</c>, and turns every expected failure
/// (API errors, unreachable server, bad kubeconfig, the deadline) into one <c>✗</c> line on stderr and exit 1.
/// </summary>
internal static class ClusterAction
{
    public static async Task<int> RunAsync(ClusterFlags flags, ParseResult parseResult, CancellationToken cancellationToken,
        Func<ClusterSession, TextWriter, CancellationToken, Task<int>> body, Func<TimeSpan, TimeSpan>? adjustTimeout = null)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        var timeout = adjustTimeout is null ? flags.Timeout.Value(parseResult) : adjustTimeout(flags.Timeout.Value(parseResult));
        try
        {
            using var session = flags.Connect(parseResult);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                return await body(session, stdout, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new CliException($"the operation did not finish within {DurationOption.Format(timeout)} (--timeout)");
            }
        }
        catch (CliException e)
        {
            return await CliOutput.FailAsync(stderr, e.Message).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            return await CliOutput.FailAsync(stderr, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Exceptions.KubeConfigException or IOException or System.Security.Cryptography.CryptographicException)
        {
            return await CliOutput.FailAsync(stderr, e.Message).ConfigureAwait(false);
        }
    }
}
