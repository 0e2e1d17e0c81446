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
