using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <param name="TimingWindowDays">Days an open item stays in transit before it is BANK_ONLY / LEDGER_ONLY.</param>
/// <param name="RetentionDays">How many days back a bank serial or payment ref matched earlier still makes a line that
/// repeats it a DUPLICATE (RULES.md "Duplicates across days").</param>
public sealed record ReconcileOptions(int TimingWindowDays = 1, int RetentionDays = ReconcileOptions.DefaultRetentionDays)
{
    public const int DefaultRetentionDays = 400;

    public static readonly ReconcileOptions Default = new();
}

/// <summary>Everything the pure core needs to reconcile one escrow account for one business day.</summary>
/// <param name="Statement">Null when the account has no statement for the day (MISSING_STATEMENT).</param>
/// <param name="BankLines">Today's statement rows for the account, in statement order.</param>
/// <param name="LedgerEntries">Today's ledger entries for the account (any status).</param>
/// <param name="SubAccounts">End-of-day sub-account balances of the account.</param>
/// <param name="Previous">The state carried from the day before (<see cref="AccountState.Empty"/> for a new account).</param>
/// <param name="Retained">The serials and payment refs the account matched on earlier days (null: none known); only
/// the days of the retention window before <paramref name="BusinessDate"/> count.</param>
public sealed record AccountDayInput(
    EscrowAccount Account,
    LocalDate BusinessDate,
    StatementSummary? Statement,
    IReadOnlyList<BankLine> BankLines,
    IReadOnlyList<LedgerEntry> LedgerEntries,
    IReadOnlyList<SubAccountBalance> SubAccounts,
    AccountState Previous,
    ReconcileOptions Options,
    RetainedKeys? Retained = null);

/// <summary>A pair made today (matches.csv).</summary>
public sealed record MatchRecord(string AccountNo, string BankSerial, IReadOnlyList<string> LedgerEntryIds, MatchRule Rule, Money Amount);

public enum InventoryStatus
{
    BALANCED,
    UNBALANCED,
    MISSING_STATEMENT,
}

/// <summary>One row of inventory.csv: the balance proof of one account and day. Bank-side values are null for MISSING_STATEMENT.</summary>
public sealed record InventoryRow(
    LocalDate BusinessDate,
    Bank Bank,
    EscrowType Type,
    string AccountNo,
    Money? BankOpening,
    Money? BankCredits,
    Money? BankDebits,
    Money? BankClosing,
    Money LedgerBalance,
    Money LedgerInNotBank,
    Money LedgerOutNotBank,
    Money BankInNotLedger,
    Money BankOutNotLedger,
    Money? AdjustedBank,
    Money? AdjustedLedger,
    Money? Unexplained,
    InventoryStatus Status);

/// <summary>The outcome of one account and day.</summary>
/// <param name="Discrepancies">Every open finding of the account today, new or carried (BANK_ONLY/LEDGER_ONLY for
/// overdue open items, AMBIGUOUS, and the standing ones).</param>
/// <param name="InTransit">Open items still inside the timing window.</param>
/// <param name="Cleared">Ids of findings open yesterday that cleared by themselves today (a later statement matched them).</param>
/// <param name="HasBalanceBreak">True when a BALANCE_BREAK was found today.</param>
/// <param name="Matched">The hashes of the serials and payment refs matched today, for later days' duplicate check
/// (null from reconcilers that keep none).</param>
public sealed record AccountDayResult(
    EscrowAccount Account,
    LocalDate BusinessDate,
    IReadOnlyList<MatchRecord> Matches,
    IReadOnlyList<Discrepancy> Discrepancies,
    IReadOnlyList<OpenItem> InTransit,
    IReadOnlyList<string> Cleared,
    InventoryRow Inventory,
    bool HasBalanceBreak,
    AccountState Next,
    MatchedKeys? Matched = null);
