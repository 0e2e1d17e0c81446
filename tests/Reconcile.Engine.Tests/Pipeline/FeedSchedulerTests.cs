using Reconcile.Core.Model;
using Reconcile.Engine.Pipeline;

namespace Reconcile.Engine.Tests.Pipeline;

public sealed class FeedSchedulerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Every_item_runs_once()
    {
        int[] runs = new int[40];
        var items = Enumerable.Range(0, runs.Length)
            .Select(i => new FeedItem(i, 0, i % 7, _ => Interlocked.Increment(ref runs[i])))
            .ToList();

        FeedError? error = await FeedScheduler.RunAsync(items, CancellationToken.None);

        error.Should().BeNull();
        runs.Should().OnlyContain(n => n == 1);
    }

    [Fact]
    public async Task The_error_first_in_file_order_wins_even_when_a_later_file_fails_first()
    {
        using var laterFailed = new ManualResetEventSlim();
        var items = new List<FeedItem>
        {
            // The earlier file fails only after the later one has (or, on one core, after a while).
            new(1, 0, 100, _ =>
            {
                laterFailed.Wait(Wait);
                throw new InputException("a.csv", 7, null, "first in file order");
            }),
            new(2, 0, 50, _ =>
            {
                laterFailed.Set();
                throw new InputException("b.csv", 2, null, "failed first");
            }),
        };

        FeedError? error = await FeedScheduler.RunAsync(items, CancellationToken.None);

        error.Should().NotBeNull();
        error!.Error.Problem.Should().Be("first in file order");
        error.File.Should().Be(1);
    }

    [Fact]
    public async Task Within_a_file_the_earlier_part_wins()
    {
        var items = new List<FeedItem>
        {
            new(3, 1, 10, _ => throw new InputException("ledger.csv", 900, "amount", "part 1")),
            new(3, 0, 10, _ => throw new InputException("ledger.csv", 40, "amount", "part 0")),
        };

        FeedError? error = await FeedScheduler.RunAsync(items, CancellationToken.None);

        error!.Error.Line.Should().Be(40);
    }

    [Fact]
    public async Task A_failure_that_is_not_an_input_error_cancels_the_other_items_and_is_thrown()
    {
        bool finishedUncancelled = false;
        using var started = new ManualResetEventSlim();
        var items = new List<FeedItem>
        {
            // Starts first; with a second core it fails once the other item runs, with one core it fails alone.
            new(2, 0, 100, _ =>
            {
                started.Wait(Wait);
                throw new IOException("disk gone");
            }),
            new(1, 0, 50, ct =>
            {
                started.Set();
                ct.WaitHandle.WaitOne(Wait);
                ct.ThrowIfCancellationRequested();
                finishedUncancelled = true;
            }),
        };

        Func<Task> run = () => FeedScheduler.RunAsync(items, CancellationToken.None);

        await run.Should().ThrowAsync<IOException>().WithMessage("disk gone");
        finishedUncancelled.Should().BeFalse();
    }
}
