using Reconcile.Core.Model;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// One piece of the day's reading: a statement file, a range of ledger.csv, sub_accounts.csv or a file's SHA-256.
/// <paramref name="File"/> and <paramref name="Part"/> place it in the inbox's file order, which decides which input
/// error is reported when there are several; <paramref name="Cost"/> (about the bytes it reads) decides when it starts.
/// </summary>
internal sealed record FeedItem(int File, int Part, long Cost, Action<CancellationToken> Run);

/// <summary>
/// Runs the feed items on <see cref="Workers"/> threads, costliest first, so the cores finish together (a 1 GB ledger is
/// cut into parts beforehand for that). Input errors do not stop the items before them in file order: the error
/// returned is the first in file order (then line), whatever the threads did; items after it are skipped. Any other
/// exception cancels everything and is thrown as it is.
/// </summary>
/// <summary>An input error and where it stands in file order.</summary>
internal sealed record FeedError(int File, int Part, InputException Error) : IComparable<FeedError>
{
    public int CompareTo(FeedError? other) =>
        other is null ? -1 : (File, Part, Error.Line).CompareTo((other.File, other.Part, other.Error.Line));
}

internal static class FeedScheduler
{
    public static int Workers => Environment.ProcessorCount;

    public static async Task<FeedError?> RunAsync(IReadOnlyList<FeedItem> items, CancellationToken ct)
    {
        FeedItem[] queue = items
            .Select((item, index) => (item, index))
            .OrderByDescending(x => x.item.Cost)
            .ThenBy(x => x.index)
            .Select(x => x.item)
            .ToArray();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var errors = new FirstInputError();
        Exception? failure = null;
        int next = -1;

        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < queue.Length)
            {
                FeedItem item = queue[i];
                if (cts.IsCancellationRequested || errors.IsBefore(item.File, item.Part))
                {
                    continue;
                }
                try
                {
                    item.Run(cts.Token);
                }
                catch (InputException e)
                {
                    errors.Offer(item.File, item.Part, e);
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // kept and rethrown below, after the other workers stopped
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    cts.Cancel();
                    return;
                }
            }
        }

        int workers = Math.Clamp(Workers, 1, Math.Max(1, queue.Length));
        var tasks = Enumerable.Range(0, workers)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        ct.ThrowIfCancellationRequested();
        return errors.Error;
    }

    /// <summary>The input error earliest in file order (file, part, line) among those offered; thread-safe.</summary>
    private sealed class FirstInputError
    {
        private readonly Lock _gate = new();

        public FeedError? Error { get; private set; }

        /// <summary>True when an error was found in an item before (file, part): that item cannot change the outcome.</summary>
        public bool IsBefore(int file, int part)
        {
            lock (_gate)
            {
                return Error is not null && (Error.File, Error.Part).CompareTo((file, part)) < 0;
            }
        }

        public void Offer(int file, int part, InputException error)
        {
            lock (_gate)
            {
                var offered = new FeedError(file, part, error);
                if (Error is null || offered.CompareTo(Error) < 0)
                {
                    Error = offered;
                }
            }
        }
    }
}
