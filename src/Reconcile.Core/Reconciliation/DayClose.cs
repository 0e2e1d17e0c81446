using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// After the ladder (RULES.md "Open items, timing and ageing"): what is left open becomes an open item (entries
/// only when SUCCESS; the others are dropped as pending), keeps its first_seen, and is in transit while its age is
/// below the window, BANK_ONLY / LEDGER_ONLY from then on, unless an AMBIGUOUS finding holds it. Findings that
/// yesterday's items stood for and that are not found today are cleared.
/// </summary>
internal static class DayClose
{
    public static ClosedDay Close(DayPool pool)
    {
        var open = new List<OpenItem>();
        var inTransit = new List<OpenItem>();
        var findings = new List<Discrepancy>(pool.Ambiguous);

        for (int i = 0; i < pool.Lines.Length; i++)
        {
            ItemState state = pool.LineState[i];
            if (state is not (ItemState.Open or ItemState.Ambiguous or ItemState.Held))
            {
                continue;
            }
            BankLine line = pool.Lines[i];
            string? findingId = null;
            string? note = pool.LineNote(i);
            if (state == ItemState.Ambiguous)
            {
                findingId = pool.AmbiguousIdOf(i);
            }
            else if (Age(pool, pool.LineFirstSeen[i]) >= pool.Window)
            {
                Discrepancy bankOnly = Findings.BankOnly(pool, line, pool.LineFirstSeen[i], pool.RejectedOf(i), note);
                findings.Add(bankOnly);
                findingId = bankOnly.Id;
            }
            OpenItem item = pool.IsCarriedLine(i)
                ? Keep(pool.CarriedLineItems[i], findingId, note)
                : new OpenItem("B:" + line.Serial, OpenSide.Bank, pool.Date, line, null, findingId, note);
            open.Add(item);
            if (state is ItemState.Open or ItemState.Held && findingId is null)
            {
                inTransit.Add(item);
            }
        }

        for (int e = 0; e < pool.Entries.Length; e++)
        {
            ItemState state = pool.EntryState[e];
            if (state is not (ItemState.Open or ItemState.Ambiguous or ItemState.Held))
            {
                continue;
            }
            LedgerEntry entry = pool.Entries[e];
            if (!entry.IsBooked)
            {
                continue;
            }
            string? findingId = null;
            string? note = pool.EntryNote(e);
            if (state is ItemState.Open or ItemState.Held && Age(pool, pool.EntryFirstSeen[e]) >= pool.Window)
            {
                Discrepancy ledgerOnly = Findings.LedgerOnly(pool, entry, pool.EntryFirstSeen[e], note, pool.InstalmentsOf(e));
                findings.Add(ledgerOnly);
                findingId = ledgerOnly.Id;
            }
            OpenItem item = pool.IsCarriedEntry(e)
                ? Keep(pool.CarriedEntryItems[e], findingId, note)
                : new OpenItem("L:" + entry.EntryId, OpenSide.Ledger, pool.Date, null, entry, findingId, note);
            open.Add(item);
            if (state is ItemState.Open or ItemState.Held && findingId is null)
            {
                inTransit.Add(item);
            }
        }

        return new ClosedDay(open, inTransit, findings, Cleared(pool, findings));
    }

    private static int Age(DayPool pool, NodaTime.LocalDate firstSeen) => pool.DateDay - DayPool.DayNumber(firstSeen);

    private static OpenItem Keep(OpenItem carried, string? findingId, string? note) =>
        string.Equals(carried.FindingId, findingId, StringComparison.Ordinal) && string.Equals(carried.Note, note, StringComparison.Ordinal)
            ? carried
            : carried with { FindingId = findingId, Note = note };

    private static List<string> Cleared(DayPool pool, List<Discrepancy> findings)
    {
        HashSet<string>? today = null;
        var cleared = new HashSet<string>(StringComparer.Ordinal);
        foreach (OpenItem carried in pool.CarriedLineItems.Concat(pool.CarriedEntryItems))
        {
            if (carried.FindingId is null)
            {
                continue;
            }
            if (today is null)
            {
                today = new HashSet<string>(findings.Count, StringComparer.Ordinal);
                foreach (Discrepancy finding in findings)
                {
                    today.Add(finding.Id);
                }
            }
            if (!today.Contains(carried.FindingId))
            {
                cleared.Add(carried.FindingId);
            }
        }
        var sorted = new List<string>(cleared);
        sorted.Sort(StringComparer.Ordinal);
        return sorted;
    }
}

/// <summary>What the day leaves open: items for tomorrow, those still in transit, the re-evaluated findings
/// (BANK_ONLY, LEDGER_ONLY, AMBIGUOUS) and the ids of yesterday's findings that cleared.</summary>
internal sealed record ClosedDay(
    List<OpenItem> OpenItems,
    List<OpenItem> InTransit,
    List<Discrepancy> Findings,
    List<string> Cleared);
