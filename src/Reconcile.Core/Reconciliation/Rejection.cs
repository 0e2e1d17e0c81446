using System.Globalization;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>Why a rung did not take a candidate it considered for a bank line.</summary>
internal enum RejectReason
{
    /// <summary>The entry moves money the other way.</summary>
    Direction,

    /// <summary>The entry's accounting day is further from the booking day than the timing window.</summary>
    Window,

    /// <summary>Several candidates, none with the exact amount.</summary>
    Amount,
}

/// <summary>Turns a rejected candidate into the <see cref="Candidate"/> that <c>discrepancies show</c> prints.</summary>
internal static class Rejection
{
    public static Candidate Describe(DayPool pool, int line, int entry, MatchRule rung, RejectReason reason)
    {
        BankLine bank = pool.Lines[line];
        LedgerEntry candidate = pool.Entries[entry];
        string why = reason switch
        {
            RejectReason.Direction => $"direction {candidate.Direction} ≠ {bank.Direction}",
            RejectReason.Window => string.Create(
                CultureInfo.InvariantCulture,
                $"outside window: accounting date {LocalDatePattern.Iso.Format(candidate.AccountingDate)}, booking day {LocalDatePattern.Iso.Format(bank.BookingDate)}"),
            _ => $"amount {candidate.Amount} ≠ {bank.Amount}",
        };
        return new Candidate(rung.ToString(), "L:" + candidate.EntryId, candidate.Amount, why);
    }
}
