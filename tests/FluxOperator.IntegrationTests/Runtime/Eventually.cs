namespace FluxOperator.IntegrationTests.Runtime;

/// <summary>Waits (in real time, generously) for a condition that background loops bring about.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutMs = 20_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            await Task.Delay(10);
        }
    }
}
