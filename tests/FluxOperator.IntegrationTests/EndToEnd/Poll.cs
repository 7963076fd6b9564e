namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Bounded polling of cluster state (real time; the operator runs in another process).</summary>
internal static class Poll
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until it returns a value; fails with <paramref name="what"/> and the operator's log tail.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, OperatorProcess? op = null, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or NullReferenceException or System.Text.Json.JsonException)
            {
                last = e;
            }

            if (op is { HasExited: true })
            {
                break;
            }

            await Task.Delay(200);
        }

        var tail = op is null ? "" : op.Output[Math.Max(0, op.Output.Length - 6000)..];
        throw new TimeoutException($"timed out waiting until {what}{(last is null ? "" : $" (last error: {last.Message})")}\n--- operator output (tail) ---\n{tail}");
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, OperatorProcess? op = null, TimeSpan? timeout = null) =>
        UntilAsync<object>(async () => await condition() ? new object() : null, what, op, timeout);
}
