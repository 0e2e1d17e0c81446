using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;
using Reconcile.Samples.Planting;
using Reconcile.Samples.Random;
using Reconcile.Samples.Writers;

namespace Reconcile.Samples;

/// <summary>
/// Generates a complete inbox (accounts.csv; per day statements/*.csv, ledger.csv, subaccounts.csv) with planted
/// situations, and its ground truth expected.json. Accounts are generated in parallel, each from its own seeded
/// generator into its own statement file and its own part of ledger.csv (written in account order), so the bytes
/// depend on the options only.
/// </summary>
public static class SampleGenerator
{
    /// <summary>Accounts per partition: CEB/SECOND_HAND, CEB/RENOVATION, CITIC/…, PAB/….</summary>
    private static readonly (Bank Bank, EscrowType Type, int Accounts)[] Partitions =
    [
        (Bank.CEB, EscrowType.SECOND_HAND, 3),
        (Bank.CEB, EscrowType.RENOVATION, 2),
        (Bank.CITIC, EscrowType.SECOND_HAND, 3),
        (Bank.CITIC, EscrowType.RENOVATION, 2),
        (Bank.PAB, EscrowType.SECOND_HAND, 3),
        (Bank.PAB, EscrowType.RENOVATION, 2),
    ];

    public static SampleResult Generate(SampleOptions options) => Generate(options, Environment.ProcessorCount);

    /// <summary>As <see cref="Generate(SampleOptions)"/> with <paramref name="workers"/> threads (the bytes do not depend on it).</summary>
    internal static SampleResult Generate(SampleOptions options, int workers)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Days < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Days, "days must be at least 1");
        }
        if (options.Lines < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Lines, "lines must not be negative");
        }
        if (Directory.Exists(options.OutDir) && Directory.EnumerateFileSystemEntries(options.OutDir).Any())
        {
            throw new IOException($"{options.OutDir} is not empty: samples are only generated into a new or empty directory");
        }
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(options.OutDir);
        var days = new DayTexts(options.FirstDate, options.Days);
        var plan = new Pcg32(options.Seed, 0);

        List<AccountSimulator> accounts = CreateAccounts(options, days, plan);
        var byPartition = accounts.ToLookup(a => a.Account.Partition);
        new Scenarios(plan, (p, slot) => byPartition[p].ElementAt(slot)).PlantAll();
        foreach (AccountSimulator a in accounts)
        {
            a.Open();
        }
        RegistryWriter.Accounts(Path.Combine(options.OutDir, "accounts.csv"), accounts.Select(a => a.Account));

        int files = 0;
        for (int day = 0; day < options.Days; day++)
        {
            files += GenerateDay(options.OutDir, days, day, accounts, workers);
        }

        ExpectedInbox expected = ExpectedBuilder.Build(options, days, accounts);
        ExpectedJson.Write(Path.Combine(options.OutDir, ExpectedJson.FileName), expected);

        long bankLines = accounts.Sum(a => a.Truth.Days.Sum(d => (long)d.BankLines));
        long entries = accounts.Sum(a => a.Truth.Days.Sum(d => (long)d.LedgerEntries));
        long bytes = Directory.EnumerateFiles(options.OutDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return new SampleResult(options.OutDir, accounts.Count, files, bankLines, entries, bytes, stopwatch.Elapsed);
    }

    private static List<AccountSimulator> CreateAccounts(SampleOptions options, DayTexts days, Pcg32 plan)
    {
        var accounts = new List<AccountSimulator>();
        foreach ((Bank bank, EscrowType type, int count) in Partitions)
        {
            int partition = accounts.Count == 0 ? 0 : accounts[^1].Account.Partition + 1;
            for (int slot = 0; slot < count; slot++)
            {
                int index = accounts.Count;
                string city = plan.Pick(Vocabulary.Cities);
                string brand = plan.Pick(Vocabulary.Brands);
                string name = type == EscrowType.SECOND_HAND
                    ? city + brand + "房地产经纪有限公司二手房资金监管专户"
                    : city + brand + "家居装饰有限公司装修资金存管户";
                string idx = index.ToString("D2", CultureInfo.InvariantCulture);
                string accountNo = bank switch
                {
                    Bank.CEB => "3845" + Vocabulary.Digits(plan, 4) + idx + Vocabulary.Digits(plan, 7),
                    Bank.CITIC => "8110701" + Vocabulary.Digits(plan, 3) + idx + "0000",
                    _ => "15000000" + Vocabulary.Digits(plan, 4) + idx,
                };
                LocalDate openedOn = days.First.PlusDays(-plan.Between(200, 1500));
                var account = new SampleAccount(index, partition, slot, accountNo, bank, type, city, name, openedOn);
                accounts.Add(new AccountSimulator(account, days, options.Days, options.Seed));
            }
        }
        SplitLines(options, plan, accounts);
        return accounts;
    }

    /// <summary>Shares the day's lines among the accounts by weight (each day a little different), summing exactly.</summary>
    private static void SplitLines(SampleOptions options, Pcg32 plan, List<AccountSimulator> accounts)
    {
        int[] weights = accounts.Select(_ => plan.Between(60, 140)).ToArray();
        for (int day = 0; day < options.Days; day++)
        {
            long[] w = weights.Select(x => (long)x * plan.Between(85, 115)).ToArray();
            long total = w.Sum();
            long cumulative = 0;
            long previous = 0;
            for (int k = 0; k < accounts.Count; k++)
            {
                cumulative += w[k];
                long upTo = options.Lines * cumulative / total;
                accounts[k].BulkPerDay[day] = (int)(upTo - previous);
                previous = upTo;
            }
        }
        foreach (AccountSimulator a in accounts)
        {
            double average = a.BulkPerDay.Average();
            a.CreatePool((int)Math.Clamp(average / 4, 6, 5000));
        }
    }

    /// <summary>One business day: statements in parallel, ledger.csv in account order, subaccounts.csv. Returns the statement count.</summary>
    private static int GenerateDay(string outDir, DayTexts days, int day, List<AccountSimulator> accounts, int workers)
    {
        string dayDir = Path.Combine(outDir, days.IsoString(day));
        string statements = Path.Combine(dayDir, "statements");
        Directory.CreateDirectory(statements);
        var pipes = accounts.Select(_ => new ChunkPipe()).ToArray();
        int next = -1;
        int files = 0;
        ExceptionDispatchInfo? failure = null;

        void Work()
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < accounts.Count)
            {
                if (Volatile.Read(ref failure) is not null)
                {
                    pipes[k].Complete();
                    continue;
                }
                try
                {
                    AccountSimulator a = accounts[k];
                    string? path = a.IsMissing(day) ? null : Path.Combine(statements, StatementName(a.Account, days, day));
                    a.RunDay(day, path, pipes[k]);
                    if (path is not null)
                    {
                        Interlocked.Increment(ref files);
                        RenameEmptyPab(a, days, day, path);
                    }
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    pipes[k].Complete();
                }
            }
        }

        Task[] tasks = Enumerable.Range(0, Math.Clamp(workers, 1, accounts.Count)).Select(_ => Task.Factory.StartNew(Work, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        using (var ledger = new FileStream(Path.Combine(dayDir, "ledger.csv"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            ledger.Write(LedgerWriter.Header.Utf8);
            ledger.WriteByte((byte)'\n');
            foreach (ChunkPipe pipe in pipes)
            {
                pipe.CopyTo(ledger);
            }
        }
        Task.WaitAll(tasks);
        foreach (ChunkPipe pipe in pipes)
        {
            pipe.Dispose();
        }
        failure?.Throw();
        RegistryWriter.SubAccounts(Path.Combine(dayDir, "subaccounts.csv"), accounts.Select(a => (a.Account, (IReadOnlyList<Contract>)a.Contracts)));
        return files;
    }

    /// <summary>Every other account's file has a name that does not reveal the bank: the bank is recognised from the content.</summary>
    private static string StatementName(SampleAccount a, DayTexts days, int day) => a.Index % 2 == 0
        ? $"{a.Bank}_{a.AccountNo}_{days.Date(day).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.csv"
        : $"stmt_{a.Index + 1:D3}.csv";

    /// <summary>A PAB file with no rows names its account only in its file name, PAB_&lt;account&gt;_&lt;yyyyMMdd&gt;.csv.</summary>
    private static void RenameEmptyPab(AccountSimulator a, DayTexts days, int day, string path)
    {
        if (a.Account.Bank == Bank.PAB && a.Truth.Days[day].BankLines == 0 && a.Account.Index % 2 == 1)
        {
            string name = $"PAB_{a.Account.AccountNo}_{days.Date(day).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.csv";
            File.Move(path, Path.Combine(Path.GetDirectoryName(path)!, name));
        }
    }
}
