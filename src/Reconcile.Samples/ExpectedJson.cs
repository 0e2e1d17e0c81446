using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reconcile.Samples;

// The ground truth of a generated inbox (DIR/expected.json): what `reconcile run` must report for each business
// day when the days are run in order, from the first, against an empty store, with the default timing window.
// It is computed by construction from what was planted and docs/RULES.md, not by running the engine.
// Amounts are strings in yuan with two decimals ("1234.50"); dates yyyy-MM-dd; enums by their contract names.
// Lists are sorted as docs/RULES.md sorts the outputs (ordinal), so the file is byte-stable for a seed.

/// <summary>The whole of expected.json.</summary>
/// <param name="Scenarios">What was planted where, for people reading the sample.</param>
/// <param name="BusinessDays">One entry per business day, in date order.</param>
public sealed record ExpectedInbox(
    [property: JsonPropertyName("generator")] string Generator,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("first_date")] string FirstDate,
    [property: JsonPropertyName("days")] int Days,
    [property: JsonPropertyName("lines_per_day")] int LinesPerDay,
    [property: JsonPropertyName("timing_window_days")] int TimingWindowDays,
    [property: JsonPropertyName("scenarios")] IReadOnlyList<ExpectedScenario> Scenarios,
    [property: JsonPropertyName("business_days")] IReadOnlyList<ExpectedDay> BusinessDays);

/// <summary>One planted situation.</summary>
/// <param name="Name">A short code, e.g. <c>LATE_EVENING_DEPOSIT</c>.</param>
/// <param name="FirstDate">The first business day the situation touches.</param>
public sealed record ExpectedScenario(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bank")] string Bank,
    [property: JsonPropertyName("escrow_type")] string EscrowType,
    [property: JsonPropertyName("escrow_account_no")] string EscrowAccountNo,
    [property: JsonPropertyName("first_date")] string FirstDate,
    [property: JsonPropertyName("description")] string Description);

/// <summary>What the run of one business day must produce.</summary>
/// <param name="ExitCode">0 when every account is BALANCED and no BALANCE_BREAK is listed, else 1.</param>
/// <param name="Discrepancies">discrepancies.csv: every open finding, new or carried, in the contract's order.</param>
/// <param name="InTransit">in_transit.csv: open items still inside the timing window.</param>
/// <param name="Cleared">Ids of BANK_ONLY / LEDGER_ONLY / AMBIGUOUS findings open the day before that cleared by themselves today (sorted).</param>
/// <param name="Inventory">inventory.csv: one row per account of the registry.</param>
/// <param name="PlantedMatches">The pairs of the planted situations (matches.csv rows); bulk pairs are only counted.</param>
/// <param name="MatchCounts">matches.csv rows per rule, bulk and planted (rules with no rows are left out).</param>
public sealed record ExpectedDay(
    [property: JsonPropertyName("business_date")] string BusinessDate,
    [property: JsonPropertyName("exit_code")] int ExitCode,
    [property: JsonPropertyName("discrepancies")] IReadOnlyList<ExpectedDiscrepancy> Discrepancies,
    [property: JsonPropertyName("in_transit")] IReadOnlyList<ExpectedInTransit> InTransit,
    [property: JsonPropertyName("cleared")] IReadOnlyList<string> Cleared,
    [property: JsonPropertyName("inventory")] IReadOnlyList<ExpectedInventory> Inventory,
    [property: JsonPropertyName("planted_matches")] IReadOnlyList<ExpectedMatch> PlantedMatches,
    [property: JsonPropertyName("match_counts")] IReadOnlyList<ExpectedRuleCount> MatchCounts);

/// <summary>One row of discrepancies.csv (the columns that are decided by the rules).</summary>
/// <param name="DiscrepancyId"><c>DiscrepancyId.For</c> over the keys RULES.md lists per category.</param>
/// <param name="Direction">IN / OUT; null for BALANCE_BREAK and MISSING_STATEMENT.</param>
/// <param name="BankSerial">Null where the finding has no bank line (LEDGER_ONLY, ledger DUPLICATE, opening break, MISSING_STATEMENT).</param>
/// <param name="LedgerEntryIds">Ordinal-sorted; empty where no entry is involved.</param>
public sealed record ExpectedDiscrepancy(
    [property: JsonPropertyName("discrepancy_id")] string DiscrepancyId,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("bank")] string Bank,
    [property: JsonPropertyName("escrow_type")] string EscrowType,
    [property: JsonPropertyName("escrow_account_no")] string EscrowAccountNo,
    [property: JsonPropertyName("direction")] string? Direction,
    [property: JsonPropertyName("bank_amount")] string? BankAmount,
    [property: JsonPropertyName("ledger_amount")] string? LedgerAmount,
    [property: JsonPropertyName("bank_serial")] string? BankSerial,
    [property: JsonPropertyName("ledger_entry_ids")] IReadOnlyList<string> LedgerEntryIds,
    [property: JsonPropertyName("first_seen")] string FirstSeen,
    [property: JsonPropertyName("age_days")] int AgeDays);

/// <summary>One row of in_transit.csv: an open bank line (bank_serial set) or SUCCESS entry (ledger_entry_id set).</summary>
public sealed record ExpectedInTransit(
    [property: JsonPropertyName("bank")] string Bank,
    [property: JsonPropertyName("escrow_type")] string EscrowType,
    [property: JsonPropertyName("escrow_account_no")] string EscrowAccountNo,
    [property: JsonPropertyName("bank_serial")] string? BankSerial,
    [property: JsonPropertyName("ledger_entry_id")] string? LedgerEntryId,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("amount")] string Amount,
    [property: JsonPropertyName("first_seen")] string FirstSeen,
    [property: JsonPropertyName("age_days")] int AgeDays);

/// <summary>One row of inventory.csv. Bank-side, adjusted and unexplained values are null for MISSING_STATEMENT.</summary>
/// <param name="BankLines">Transaction rows of the day's statement (null when missing).</param>
/// <param name="LedgerEntries">Rows of the day's ledger.csv for the account (any status).</param>
public sealed record ExpectedInventory(
    [property: JsonPropertyName("bank")] string Bank,
    [property: JsonPropertyName("escrow_type")] string EscrowType,
    [property: JsonPropertyName("escrow_account_no")] string EscrowAccountNo,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("bank_opening_balance")] string? BankOpeningBalance,
    [property: JsonPropertyName("bank_credits")] string? BankCredits,
    [property: JsonPropertyName("bank_debits")] string? BankDebits,
    [property: JsonPropertyName("bank_closing_balance")] string? BankClosingBalance,
    [property: JsonPropertyName("ledger_balance")] string LedgerBalance,
    [property: JsonPropertyName("ledger_in_not_bank")] string LedgerInNotBank,
    [property: JsonPropertyName("ledger_out_not_bank")] string LedgerOutNotBank,
    [property: JsonPropertyName("bank_in_not_ledger")] string BankInNotLedger,
    [property: JsonPropertyName("bank_out_not_ledger")] string BankOutNotLedger,
    [property: JsonPropertyName("adjusted_bank_balance")] string? AdjustedBankBalance,
    [property: JsonPropertyName("adjusted_ledger_balance")] string? AdjustedLedgerBalance,
    [property: JsonPropertyName("unexplained_difference")] string? UnexplainedDifference,
    [property: JsonPropertyName("bank_lines")] int? BankLines,
    [property: JsonPropertyName("ledger_entries")] int LedgerEntries);

/// <summary>One row of matches.csv; amount = the bank line's amount.</summary>
public sealed record ExpectedMatch(
    [property: JsonPropertyName("escrow_account_no")] string EscrowAccountNo,
    [property: JsonPropertyName("bank_serial")] string BankSerial,
    [property: JsonPropertyName("ledger_entry_ids")] IReadOnlyList<string> LedgerEntryIds,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("amount")] string Amount);

public sealed record ExpectedRuleCount(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("count")] long Count);

/// <summary>Reads and writes expected.json (UTF-8 without BOM, two-space indent, LF).</summary>
public static class ExpectedJson
{
    public const string FileName = "expected.json";

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static ExpectedInbox Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<ExpectedInbox>(stream, Options)
            ?? throw new InvalidDataException($"{path}: expected a JSON object");
    }

    public static void Write(string path, ExpectedInbox inbox)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(inbox, Options);
        using FileStream stream = new(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
        stream.WriteByte((byte)'\n');
    }
}
