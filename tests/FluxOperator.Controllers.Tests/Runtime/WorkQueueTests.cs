using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace FluxOperator.Controllers.Tests.Runtime;

public class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    private WorkQueue<string> NewQueue() => new(new ExponentialBackoff<string>(), _time, "test");

    [Fact]
    public async Task Duplicate_adds_while_queued_collapse_into_one()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Length);
        Assert.Equal((true, "a"), await queue.GetAsync());
        Assert.Equal((true, "b"), await queue.GetAsync());
        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public async Task Item_added_while_processing_is_not_handed_to_a_second_worker_until_done()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (_, first) = await queue.GetAsync();
        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Length); // nobody was waiting, so a ready item would still be here

        var second = queue.GetAsync(); // a ready item would be handed out synchronously
        Assert.False(second.IsCompleted);

        queue.Done(first);
        Assert.Equal((true, "a"), await second.WaitAsync(TimeSpan.FromSeconds(10)));
        queue.Done("a");
        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public async Task Waiting_worker_is_woken_by_an_add()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync();
        Assert.False(waiting.IsCompleted);
        queue.Add("a");
        Assert.Equal((true, "a"), await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Delayed_add_arrives_only_when_its_time_comes()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        Assert.Equal(0, queue.Length);
        Assert.Equal(1, queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Length);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Length);
        Assert.Equal((true, "a"), await queue.GetAsync());
    }

    [Fact]
    public void Earlier_due_time_wins_and_a_later_one_is_ignored()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        Assert.Equal(1, queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, queue.Length);
        Assert.Equal(0, queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, queue.Length); // the superseded timers add nothing more
    }

    [Fact]
    public void Delayed_add_of_an_item_already_queued_collapses_into_it()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Length);
    }

    [Fact]
    public void Rate_limited_adds_wait_one_backoff_step_more_each_time_until_forgotten()
    {
        using var queue = NewQueue();
        queue.AddRateLimited("a");
        _time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Equal(0, queue.Length);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Length);
        Assert.Equal(1, queue.Failures("a"));

        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        Assert.Equal(3, queue.Failures("a"));

        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
    }

    [Fact]
    public async Task Shut_down_releases_waiting_workers_and_hands_out_nothing_more()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync();
        queue.Add("queued-before");
        await waiting;
        queue.Add("b");
        queue.AddAfter("c", TimeSpan.FromSeconds(1));
        var second = queue.GetAsync();
        await second;
        var third = queue.GetAsync();

        queue.ShutDown();

        Assert.Equal((false, null), await third.WaitAsync(TimeSpan.FromSeconds(10)));
        queue.Add("d");
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((false, null), await queue.GetAsync());
        Assert.True(queue.IsShuttingDown);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task Shut_down_with_drain_waits_for_items_in_processing()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (_, item) = await queue.GetAsync();

        var drained = queue.ShutDownWithDrainAsync();
        Assert.False(drained.IsCompleted); // only Done can complete it

        queue.Done(item);
        await drained.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelled_wait_does_not_swallow_the_next_item()
    {
        using var queue = NewQueue();
        using var cts = new CancellationTokenSource();
        var abandoned = queue.GetAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        var waiting = queue.GetAsync();
        queue.Add("a");
        Assert.Equal((true, "a"), await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Readded_token_fires_when_the_item_in_processing_is_added_again()
    {
        using var queue = NewQueue();
        Assert.False(queue.ReaddedToken("a").CanBeCanceled);
        queue.Add("a");
        var (_, item) = await queue.GetAsync();
        var token = queue.ReaddedToken(item);
        queue.Add("b");
        Assert.False(token.IsCancellationRequested); // an add signals synchronously, or not at all

        queue.Add("a");

        await Eventually.True(() => token.IsCancellationRequested, "the re-add is signalled");
        Assert.True(queue.ReaddedToken("a").IsCancellationRequested);
        queue.Done(item);
        Assert.False(queue.ReaddedToken("a").CanBeCanceled);
    }
}
