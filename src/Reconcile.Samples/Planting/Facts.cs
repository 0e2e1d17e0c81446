using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Samples.Planting;

/// <summary>
/// An item the ladder leaves open: from <see cref="FirstSeen"/> until the day before <see cref="ClearedOn"/> (or
/// for good). In transit while younger than the window, BANK_ONLY / LEDGER_ONLY after, unless it belongs to an
/// AMBIGUOUS finding (then neither). Its proof effect counts every day it is open.
/// </summary>
/// <param name="Key">The bank serial (bank side) or the entry id (ledger side).</param>
internal sealed record OpenItemFact(OpenSide Side, string Key, Direction Direction, long AmountFen, int FirstSeen, int? ClearedOn, bool Ambiguous);

/// <summary>
/// A standing finding (AMOUNT/DIRECTION/STATUS_MISMATCH, DUPLICATE, WRONG_SUB_ACCOUNT, BALANCE_BREAK,
/// MISSING_STATEMENT): listed every day from <see cref="FirstSeen"/>, its effect counted meanwhile.
/// </summary>
/// <param name="Extra">The id's extra key: OPENING:yyyy-MM-dd, the day, or empty.</param>
internal sealed record StandingFact(
    Category Category,
    string? Serial,
    IReadOnlyList<string> EntryIds,
    Direction? Direction,
    long? BankFen,
    long? LedgerFen,
    int FirstSeen,
    ProofEffect Effect,
    string Extra);

/// <summary>An AMBIGUOUS finding listed every day from <see cref="FirstSeen"/> (its items are open items of their own).</summary>
internal sealed record AmbiguousFact(string Serial, IReadOnlyList<string> EntryIds, Direction Direction, long BankFen, long LedgerFen, int FirstSeen);

/// <summary>A matches.csv row of a planted situation.</summary>
internal sealed record MatchFact(int Day, string Serial, IReadOnlyList<string> EntryIds, MatchRule Rule, long AmountFen);

/// <summary>A planted situation, described for people.</summary>
internal sealed record ScenarioFact(string Name, int FirstDay, string Description);

/// <summary>What one account's statement and books said on one day.</summary>
internal sealed class DayFigures
{
    public bool HasStatement { get; set; }

    public long OpeningFen { get; set; }

    public long CreditsFen { get; set; }

    public long DebitsFen { get; set; }

    public long ClosingFen { get; set; }

    public int BankLines { get; set; }

    public int LedgerEntries { get; set; }

    /// <summary>Σ sub-account balances at the end of the day.</summary>
    public long LedgerBalanceFen { get; set; }

    /// <summary>Bulk pairs by rule (BANK_SERIAL, PAYMENT_REF).</summary>
    public long BankSerialPairs { get; set; }

    public long PaymentRefPairs { get; set; }
}

/// <summary>Everything known by construction about one account: filled by the account's own worker only.</summary>
internal sealed class AccountTruth(int days)
{
    public List<OpenItemFact> OpenItems { get; } = [];

    public List<StandingFact> Standing { get; } = [];

    public List<AmbiguousFact> Ambiguous { get; } = [];

    public List<MatchFact> Matches { get; } = [];

    public List<ScenarioFact> Scenarios { get; } = [];

    public DayFigures[] Days { get; } = Enumerable.Range(0, days).Select(_ => new DayFigures()).ToArray();
}
