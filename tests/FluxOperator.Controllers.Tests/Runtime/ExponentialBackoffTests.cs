using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Tests.Runtime;

public class ExponentialBackoffTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 2_560)]
    [InlineData(18, 655_360)]
    [InlineData(19, 1_000_000)]
    [InlineData(500, 1_000_000)]
    public void Default_policy_doubles_from_5ms_up_to_1000s(int failures, long expectedMs)
    {
        var backoff = new ExponentialBackoff<string>();
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), backoff.DelayFor(failures));
    }

    [Theory]
    [InlineData(1, 750)]
    [InlineData(2, 1_500)]
    [InlineData(5, 12_000)]
    [InlineData(11, 768_000)]
    [InlineData(12, 900_000)]
    public void Operator_policy_doubles_from_750ms_up_to_15m(int failures, long expectedMs)
    {
        var backoff = new ExponentialBackoff<string>(TimeSpan.FromMilliseconds(750), TimeSpan.FromMinutes(15));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), backoff.DelayFor(failures));
    }

    [Fact]
    public void Each_failure_of_a_key_grows_only_that_keys_delay()
    {
        var backoff = new ExponentialBackoff<string>();
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), backoff.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.When("b"));
        Assert.Equal(2, backoff.Failures("a"));
        Assert.Equal(1, backoff.Failures("b"));
    }

    [Fact]
    public void Forget_starts_the_key_over_at_the_base_delay()
    {
        var backoff = new ExponentialBackoff<string>();
        backoff.When("a");
        backoff.When("a");
        backoff.Forget("a");
        Assert.Equal(0, backoff.Failures("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.When("a"));
    }
}
