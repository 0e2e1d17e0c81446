using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

public enum OpenSide
{
    Bank,
    Ledger,
}

/// <summary>
/// An unmatched bank line or SUCCESS ledger entry of one escrow account, carried from day to day until a
/// later statement matches it or a person resolves it. Exactly one of <see cref="BankLine"/> and
/// <see cref="Entry"/> is set, as <see cref="Side"/> says.
/// </summary>
/// <param name="ItemId">Stable id: "B:" + bank serial or "L:" + entry id.</param>
/// <param name="FirstSeen">The business day the item was first seen.</param>
/// <param name="FindingId">The BANK_ONLY / LEDGER_ONLY / AMBIGUOUS finding the item stood for at the end of its last
/// day (null while in transit, and for an entry listed by an AMBIGUOUS line). The next day reports it as cleared
/// when it is no longer found.</param>
/// <param name="Note">What the ladder knew of the item at the end of its last day beyond its side, shown in its
/// detail: for an entry partially received by instalments (rung 7), what was received and what remains; for such an
/// instalment, the entry it pays. Null otherwise.</param>
/// <param name="Held">Taken out of an automatic pair by a person (<c>matches unmatch</c>): the ladder no longer pairs
/// it (it would pair it the same way again); a person pairs it by hand or resolves it.</param>
public sealed record OpenItem(
    string ItemId,
    OpenSide Side,
    LocalDate FirstSeen,
    BankLine? BankLine,
    LedgerEntry? Entry,
    string? FindingId = null,
    string? Note = null,
    bool Held = false)
{
    public static OpenItem Of(BankLine line, LocalDate firstSeen) => new("B:" + line.Serial, OpenSide.Bank, firstSeen, line, null);

    public static OpenItem Of(LedgerEntry entry, LocalDate firstSeen) => new("L:" + entry.EntryId, OpenSide.Ledger, firstSeen, null, entry);

    public Direction Direction => BankLine?.Direction ?? Entry!.Direction;

    public Money Amount => BankLine?.Amount ?? Entry!.Amount;

    /// <summary>Calendar days from <see cref="FirstSeen"/> to <paramref name="businessDate"/>.</summary>
    public int AgeOn(LocalDate businessDate) => Period.Between(FirstSeen, businessDate, PeriodUnits.Days).Days;
}
