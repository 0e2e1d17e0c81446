using Microsoft.Data.Sqlite;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

/// <summary>A clock that says what the test tells it (NodaTime.Testing is not available here).</summary>
internal sealed class StoreClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;

    public void Advance(Duration by) => Now += by;
}

/// <summary>A fresh SQLite store file per test, deleted afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reconcile-store-tests");
        Directory.CreateDirectory(dir);
        Path = System.IO.Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db");
        Location = StoreLocation.Sqlite(Path);
    }

    public string Path { get; }

    public StoreLocation Location { get; }

    public StoreClock Clock { get; } = new(Instant.FromUtc(2024, 3, 1, 1, 0));

    public Task<ReconcileHost> StartAsync() => ReconcileHost.StartAsync(Location, Clock);

    public Task<ReconcileHost> StartAsync(StoreActorSettings settings) => ReconcileHost.StartAsync(Location, Clock, settings, null, default);

    public SqliteConnection OpenRaw()
    {
        var c = new SqliteConnection($"Data Source={Path};Pooling=False");
        c.Open();
        return c;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (string f in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            try
            {
                File.Delete(f);
            }
            catch (IOException)
            {
                // best effort: a temp file
            }
        }
    }
}

/// <summary>Small literal domain values for the store tests.</summary>
internal static class S
{
    public static readonly LocalDate D1 = new(2024, 3, 1);
    public static readonly LocalDate D2 = new(2024, 3, 2);
    public static readonly LocalDate D3 = new(2024, 3, 3);
    public static readonly LocalDate D4 = new(2024, 3, 4);

    public static EscrowAccount Account(string no, Bank bank = Bank.CEB, EscrowType type = EscrowType.SECOND_HAND) =>
        new(no, bank, type, "Shanghai", "Escrow " + no, new LocalDate(2020, 1, 1), new SourceRef("accounts.csv", 2));

    public static BankLine Line(string accountNo, string serial, long fen, LocalDate day, Bank bank = Bank.CEB) =>
        new(bank, accountNo, day, new LocalDateTime(day.Year, day.Month, day.Day, 10, 30), serial, Direction.IN, Money.FromFen(fen),
            Money.FromFen(1_000_000 + fen), null, null, null, null, "6222000011112222", "张三", "CEB", "跨行转入", "deposit", null, 0,
            new SourceRef("statements/" + accountNo + ".csv", 3));

    public static OpenItem BankItem(string accountNo, string serial, long fen, LocalDate firstSeen, Bank bank = Bank.CEB) =>
        OpenItem.Of(Line(accountNo, serial, fen, firstSeen, bank), firstSeen);

    /// <summary>A BANK_ONLY finding for a bank line (id as the matcher makes it).</summary>
    public static Discrepancy BankOnly(EscrowAccount a, string serial, long fen, LocalDate firstSeen) =>
        Finding(a, Category.BANK_ONLY, serial, fen, firstSeen, Line(a.AccountNo, serial, fen, firstSeen, a.Bank));

    public static Discrepancy Finding(EscrowAccount a, Category category, string serial, long fen, LocalDate firstSeen, BankLine? line = null) =>
        new(DiscrepancyId.For(category, a.AccountNo, serial, []), category, a.Bank, a.Type, a.AccountNo, Direction.IN,
            Money.FromFen(fen), null, serial, [], null, null, firstSeen, $"{category} {serial}",
            ProofEffect.BankSide(Direction.IN, Money.FromFen(fen)), line, [], []);

    public static InventoryRow Inventory(EscrowAccount a, LocalDate day, long closingFen) =>
        new(day, a.Bank, a.Type, a.AccountNo, Money.FromFen(closingFen), Money.Zero, Money.Zero, Money.FromFen(closingFen),
            Money.FromFen(closingFen), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.FromFen(closingFen), Money.FromFen(closingFen),
            Money.Zero, InventoryStatus.BALANCED);

    public static AccountState State(EscrowAccount a, LocalDate day, long closingFen, params OpenItem[] open) =>
        new(a.AccountNo, day, Money.FromFen(closingFen), open, [], []);

    public static AccountDayResult Result(
        EscrowAccount a, LocalDate day, long closingFen, Discrepancy[]? discrepancies = null, string[]? cleared = null, OpenItem[]? open = null) =>
        new(a, day, [], discrepancies ?? [], [], cleared ?? [], Inventory(a, day, closingFen), false, State(a, day, closingFen, open ?? []));

    public static RunRecord Run(string runId, LocalDate day, string inputsHash, IEnumerable<AccountDayResult> results, RunScope? scope = null) =>
        new(runId, day, scope ?? RunScope.All, inputsHash, [new InputFile("ledger.csv", inputsHash, 10)], "1.0.0-test",
            Instant.FromUtc(day.Year, day.Month, day.Day, 0, 0), Instant.FromUtc(day.Year, day.Month, day.Day, 0, 1),
            results.Select(r => r.Account.AccountNo).Order(StringComparer.Ordinal).ToList());

    public static RunCommit Commit(string runId, LocalDate day, params AccountDayResult[] results) =>
        new(Run(runId, day, "hash-" + runId, results), results);
}
