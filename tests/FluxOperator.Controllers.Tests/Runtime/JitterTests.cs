using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Tests.Runtime;

public class JitterTests
{
    [Theory]
    [InlineData(0.5, -1.0, 30)]
    [InlineData(0.125, 0.0, 60)]
    [InlineData(0.25, 0.5, 67.5)]
    [InlineData(0.0, 0.9, 60)]
    public void Spread_is_delay_times_one_plus_fraction_times_u(double fraction, double u, double expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), Jitter.Spread(TimeSpan.FromHours(1), fraction, u));
    }

    [Fact]
    public void Random_spread_stays_within_plus_minus_fraction()
    {
        var random = new Random(7);
        for (var i = 0; i < 1_000; i++)
        {
            var d = Jitter.Spread(TimeSpan.FromHours(1), 0.05, random);
            Assert.InRange(d, TimeSpan.FromMinutes(57), TimeSpan.FromMinutes(63));
        }
    }

    [Fact]
    public void Upward_jitter_never_shortens_the_delay()
    {
        var random = new Random(7);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.InRange(Jitter.Up(TimeSpan.FromSeconds(1), 1.0, random), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public void Requeue_after_rejects_a_jitter_of_a_whole_delay_or_more()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(1), 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(-1)));
    }
}
