using System.Collections.Concurrent;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Tests.Pipeline.Fakes;

/// <summary>
/// A stand-in for the core's reconciler, so that the pipeline's mechanics are tested on their own: pairs a line with
/// the entry whose bank_serial is its serial, keeps the other lines open (in transit on their first day, BANK_ONLY
/// after), proves nothing (BALANCED, or MISSING_STATEMENT without a statement). Records every input it was given.
/// </summary>
public sealed class FakeReconciler
{
    public ConcurrentBag<AccountDayInput> Inputs { get; } = [];

    /// <summary>Thrown for this account, when set.</summary>
    public string? ThrowFor { get; init; }

    public AccountDayResult Reconcile(AccountDayInput input)
    {
        Inputs.Add(input);
        string no = input.Account.AccountNo;
        if (string.Equals(no, ThrowFor, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("reconciler failed for " + no);
        }
        var entries = input.LedgerEntries.Where(e => e.BankSerial is not null).ToDictionary(e => e.BankSerial!, StringComparer.Ordinal);
        var matches = new List<MatchRecord>();
        var open = new List<OpenItem>();
        foreach (BankLine line in input.BankLines)
        {
            if (entries.TryGetValue(line.Serial, out LedgerEntry? entry))
            {
                matches.Add(new MatchRecord(no, line.Serial, [entry.EntryId], MatchRule.BANK_SERIAL, line.Amount));
            }
            else
            {
                open.Add(OpenItem.Of(line, input.BusinessDate));
            }
        }
        var carried = input.Previous.OpenItems;
        var discrepancies = carried
            .Where(i => i.BankLine is not null)
            .Select(i => Build.Finding(Category.BANK_ONLY, no, i.BankLine!.Serial, bank: input.Account.Bank, type: input.Account.Type, direction: i.Direction, bankAmount: i.Amount.ToYuan(), firstSeen: i.FirstSeen))
            .ToList();
        Money ledger = input.SubAccounts.Aggregate(Money.Zero, (s, r) => s + r.Balance);
        InventoryRow inventory = input.Statement is { } st
            ? new InventoryRow(input.BusinessDate, input.Account.Bank, input.Account.Type, no, st.Opening, st.Credits, st.Debits, st.Closing, ledger, Money.Zero, Money.Zero, Money.Zero, Money.Zero, st.Closing, st.Closing, Money.Zero, InventoryStatus.BALANCED)
            : new InventoryRow(input.BusinessDate, input.Account.Bank, input.Account.Type, no, null, null, null, null, ledger, Money.Zero, Money.Zero, Money.Zero, Money.Zero, null, null, null, InventoryStatus.MISSING_STATEMENT);
        var next = new AccountState(no, input.BusinessDate, input.Statement?.Closing, carried.Concat(open).ToList(), [], []);
        return new AccountDayResult(input.Account, input.BusinessDate, matches, discrepancies, open, [], inventory, false, next);
    }
}
