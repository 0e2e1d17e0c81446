using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The findings on a pair (RULES.md "Findings on a pair"), checked in order: STATUS_MISMATCH (which suppresses
/// the next two), DIRECTION_MISMATCH (which suppresses the amount), AMOUNT_MISMATCH (for a batch, the sum), and
/// WRONG_SUB_ACCOUNT on rungs 1–3. All are standing; nothing is allocated for a clean pair.
/// </summary>
internal static class PairFindings
{
    public static void Check(DayPool pool, int line, ReadOnlySpan<int> entries, MatchRule rung, string[] entryIds)
    {
        BankLine bank = pool.Lines[line];
        bool allBooked = true;
        bool directionDiffers = false;
        Money sum = Money.Zero;
        foreach (int e in entries)
        {
            LedgerEntry entry = pool.Entries[e];
            allBooked &= entry.IsBooked;
            directionDiffers |= entry.Direction != bank.Direction;
            sum += entry.Amount;
        }

        if (!allBooked)
        {
            pool.Standing.Add(StatusMismatch(pool, bank, entries, rung, entryIds));
        }
        else if (directionDiffers)
        {
            pool.Standing.Add(DirectionMismatch(pool, bank, entries, rung, entryIds));
        }
        else if (sum != bank.Amount)
        {
            pool.Standing.Add(AmountMismatch(pool, bank, entries, rung, entryIds, sum));
        }

        if ((rung is MatchRule.BANK_SERIAL or MatchRule.PAYMENT_REF or MatchRule.BATCH) && !string.IsNullOrEmpty(bank.SubAccountNo))
        {
            CheckSubAccount(pool, bank, entries, rung);
        }
    }

    private static Discrepancy StatusMismatch(DayPool pool, BankLine bank, ReadOnlySpan<int> entries, MatchRule rung, string[] ids)
    {
        LedgerEntry[] involved = pool.EntriesOf(entries);
        ProofEffect effect = ProofEffect.BankSide(bank.Direction, bank.Amount);
        var statuses = new List<string>(involved.Length);
        foreach (LedgerEntry entry in involved)
        {
            if (entry.IsBooked)
            {
                effect += ProofEffect.LedgerSide(entry.Direction, entry.Amount);
            }
            else
            {
                statuses.Add(entry.EntryId + " " + entry.Status);
            }
        }
        string detail = $"{rung}: the bank executed {bank.Direction} {bank.Amount} ({bank.Serial}); ledger says {string.Join(", ", statuses)}";
        return Findings.OnPair(pool, Category.STATUS_MISMATCH, bank, involved, ids, detail, effect);
    }

    private static Discrepancy DirectionMismatch(DayPool pool, BankLine bank, ReadOnlySpan<int> entries, MatchRule rung, string[] ids)
    {
        LedgerEntry[] involved = pool.EntriesOf(entries);
        ProofEffect effect = ProofEffect.BankSide(bank.Direction, bank.Amount);
        var other = new List<string>(involved.Length);
        foreach (LedgerEntry entry in involved)
        {
            effect += ProofEffect.LedgerSide(entry.Direction, entry.Amount);
            if (entry.Direction != bank.Direction)
            {
                other.Add(entry.EntryId + " " + entry.Kind);
            }
        }
        string detail = $"{rung}: bank {bank.Direction} {bank.Amount} ({bank.Serial}); ledger {string.Join(", ", other)} is {Opposite(bank.Direction)}";
        return Findings.OnPair(pool, Category.DIRECTION_MISMATCH, bank, involved, ids, detail, effect);
    }

    private static Discrepancy AmountMismatch(DayPool pool, BankLine bank, ReadOnlySpan<int> entries, MatchRule rung, string[] ids, Money ledgerSum)
    {
        LedgerEntry[] involved = pool.EntriesOf(entries);
        bool bankLarger = bank.Amount > ledgerSum;
        Money difference = bankLarger ? bank.Amount - ledgerSum : ledgerSum - bank.Amount;
        ProofEffect effect = bankLarger
            ? ProofEffect.BankSide(bank.Direction, difference)
            : ProofEffect.LedgerSide(bank.Direction, difference);
        string ledgerSide = involved.Length == 1 ? involved[0].EntryId : "batch sum of " + string.Join(";", ids);
        string detail = $"{rung}: bank {bank.Amount} ({bank.Serial}) ≠ ledger {ledgerSum} ({ledgerSide}); {(bankLarger ? "bank" : "ledger")} larger by {difference}";
        return Findings.OnPair(pool, Category.AMOUNT_MISMATCH, bank, involved, ids, detail, effect);
    }

    private static void CheckSubAccount(DayPool pool, BankLine bank, ReadOnlySpan<int> entries, MatchRule rung)
    {
        int differing = 0;
        foreach (int e in entries)
        {
            if (!string.Equals(pool.Entries[e].SubAccountNo, bank.SubAccountNo, StringComparison.Ordinal))
            {
                differing++;
            }
        }
        if (differing == 0)
        {
            return;
        }
        var wrong = new int[differing];
        differing = 0;
        foreach (int e in entries)
        {
            if (!string.Equals(pool.Entries[e].SubAccountNo, bank.SubAccountNo, StringComparison.Ordinal))
            {
                wrong[differing++] = e;
            }
        }
        LedgerEntry[] involved = pool.EntriesOf(wrong);
        var ids = new string[involved.Length];
        var books = new List<string>(involved.Length);
        for (int k = 0; k < involved.Length; k++)
        {
            ids[k] = involved[k].EntryId;
            books.Add(involved[k].EntryId + " " + involved[k].SubAccountNo);
        }
        string detail = $"{rung}: the bank booked {bank.Serial} on sub-account {bank.SubAccountNo}; the ledger has {string.Join(", ", books)}";
        pool.Standing.Add(Findings.OnPair(pool, Category.WRONG_SUB_ACCOUNT, bank, involved, ids, detail, ProofEffect.None));
    }

    private static Direction Opposite(Direction direction) => direction == Direction.IN ? Direction.OUT : Direction.IN;
}
