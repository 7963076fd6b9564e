namespace FluxOperator.Controllers.Runtime;

/// <summary>Decides how long a failing item waits before its next try (client-go's <c>RateLimiter</c>).</summary>
public interface IRateLimiter<in T>
    where T : notnull
{
    /// <summary>Records one more failure of <paramref name="item"/> and returns how long it waits.</summary>
    TimeSpan When(T item);

    /// <summary>Clears the failure history of <paramref name="item"/> (it succeeded).</summary>
    void Forget(T item);

    /// <summary>How many failures of <paramref name="item"/> are recorded.</summary>
    int Failures(T item);
}
