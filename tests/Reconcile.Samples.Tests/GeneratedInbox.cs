using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Formats;

namespace Reconcile.Samples.Tests;

/// <summary>A temporary directory, deleted with the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reconcile-samples-" + Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>One business day of a generated inbox as the real readers (Reconcile.Formats) see it.</summary>
public sealed record ReadDay(
    LocalDate Date,
    IReadOnlyList<StatementSummary> Statements,
    IReadOnlyList<BankLine> Lines,
    IReadOnlyList<LedgerEntry> Entries,
    IReadOnlyList<SubAccountBalance> SubAccounts);

/// <summary>
/// The sample the tests share: 3 days from 2024-11-06, 300 lines a day, seed 42 (the committed sample's options),
/// generated once into a temporary directory and read back with the product's readers.
/// </summary>
public sealed class GeneratedInbox : IDisposable
{
    public static readonly LocalDate FirstDate = new(2024, 11, 6);

    private readonly TempDir _dir = new();

    public GeneratedInbox()
    {
        Options = new SampleOptions(_dir.Sub("inbox"), FirstDate, 3, 300, 42);
        Result = SampleGenerator.Generate(Options);
        Expected = ExpectedJson.Read(System.IO.Path.Combine(Path, ExpectedJson.FileName));
        Registry = AccountsReader.Read(System.IO.Path.Combine(Path, "accounts.csv"));
        Days = Enumerable.Range(0, Options.Days).Select(d => Read(FirstDate.PlusDays(d))).ToList();
    }

    public SampleOptions Options { get; }

    public SampleResult Result { get; }

    public string Path => Options.OutDir;

    public ExpectedInbox Expected { get; }

    public AccountRegistry Registry { get; }

    public IReadOnlyList<ReadDay> Days { get; }

    public static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public string DayDir(LocalDate date) => System.IO.Path.Combine(Path, Iso(date));

    public void Dispose() => _dir.Dispose();

    private ReadDay Read(LocalDate date)
    {
        string dir = DayDir(date);
        var statements = new List<StatementSummary>();
        var lines = new List<BankLine>();
        foreach (string file in Directory.GetFiles(System.IO.Path.Combine(dir, "statements")).Order(StringComparer.Ordinal))
        {
            statements.Add(StatementReader.Read(file, Registry, lines.Add));
        }
        var entries = new List<LedgerEntry>();
        LedgerReader.Read(System.IO.Path.Combine(dir, "ledger.csv"), Registry, entries.Add);
        var subAccounts = new List<SubAccountBalance>();
        SubAccountsReader.Read(System.IO.Path.Combine(dir, "subaccounts.csv"), Registry, subAccounts.Add);
        return new ReadDay(date, statements, lines, entries, subAccounts);
    }
}

[CollectionDefinition(Name)]
public sealed class GeneratedInboxCollection : ICollectionFixture<GeneratedInbox>
{
    public const string Name = "generated inbox";
}
