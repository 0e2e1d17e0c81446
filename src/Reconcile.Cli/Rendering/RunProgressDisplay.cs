using System.Globalization;
using Reconcile.Engine.Pipeline;
using Spectre.Console;

namespace Reconcile.Cli.Rendering;

/// <summary>
/// The live progress of a run on a terminal: one bar per partition (bank × type) with the lines read and the accounts
/// reconciled, refreshed ten times a second until the run ends.
/// </summary>
internal static class RunProgressDisplay
{
    public static async Task<T> ShowAsync<T>(IAnsiConsole console, RunProgressObserver observer, Func<Task<T>> run)
    {
        Task<T> work = run();
        await console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<PartitionKey, ProgressTask>();
                while (true)
                {
                    foreach (var (partition, c) in observer.Partitions)
                    {
                        if (!tasks.TryGetValue(partition, out ProgressTask? task))
                        {
                            task = ctx.AddTask(partition.ToString(), maxValue: Math.Max(1, c.Accounts));
                            tasks.Add(partition, task);
                        }
                        task.MaxValue = Math.Max(1, c.Accounts);
                        task.Value = c.Reconciled;
                        task.Description = string.Create(
                            CultureInfo.InvariantCulture,
                            $"{partition,-17} {Interlocked.Read(ref c.BankLines) + Interlocked.Read(ref c.LedgerEntries),11:N0} rows read  {c.Reconciled,4}/{c.Accounts,-4} reconciled");
                    }
                    if (work.IsCompleted)
                    {
                        break;
                    }
                    await Task.WhenAny(work, Task.Delay(100)).ConfigureAwait(false);
                }
            })
            .ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }
}
