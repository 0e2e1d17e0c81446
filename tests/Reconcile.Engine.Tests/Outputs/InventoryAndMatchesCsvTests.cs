using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Tests.Pipeline.Fakes;

namespace Reconcile.Engine.Tests.Outputs;

public sealed class InventoryAndMatchesCsvTests : IDisposable
{
    private readonly OutputFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Inventory_has_the_contract_columns_in_order()
    {
        string path = _folder.File("inventory.csv");
        InventoryCsv.Write(path, []);

        OutputFolder.Lines(path).Should().Equal(
            "business_date,bank,escrow_type,escrow_account_no,bank_opening_balance,bank_credits,bank_debits,bank_closing_balance,ledger_balance,ledger_in_not_bank,ledger_out_not_bank,bank_in_not_ledger,bank_out_not_ledger,adjusted_bank_balance,adjusted_ledger_balance,unexplained_difference,status");
    }

    [Fact]
    public void Unbalanced_row_prints_every_amount_with_two_decimals()
    {
        var row = new InventoryRow(
            Build.Day, Bank.CITIC, EscrowType.RENOVATION, "8110701234500000",
            Build.Yuan(8800000m), Build.Yuan(58000m), Build.Yuan(30000m), Build.Yuan(8828000m),
            Build.Yuan(8798000m), Money.Zero, Build.Yuan(0.5m), Build.Yuan(58000m), Money.Zero,
            Build.Yuan(8827999.5m), Build.Yuan(8856000m), Build.Yuan(-28000.5m), InventoryStatus.UNBALANCED);
        string path = _folder.File("inventory.csv");
        InventoryCsv.Write(path, [row]);

        OutputFolder.Lines(path)[1].Should().Be(
            "2024-11-06,CITIC,RENOVATION,8110701234500000,8800000.00,58000.00,30000.00,8828000.00,8798000.00,0.00,0.50,58000.00,0.00,8827999.50,8856000.00,-28000.50,UNBALANCED");
    }

    [Fact]
    public void Missing_statement_row_leaves_bank_adjusted_and_unexplained_columns_empty()
    {
        var row = new InventoryRow(
            Build.Day, Bank.PAB, EscrowType.SECOND_HAND, "15000000000001",
            null, null, null, null, Build.Yuan(100m), Money.Zero, Money.Zero, Money.Zero, Money.Zero,
            null, null, null, InventoryStatus.MISSING_STATEMENT);
        string path = _folder.File("inventory.csv");
        InventoryCsv.Write(path, [row]);

        OutputFolder.Lines(path)[1].Should().Be(
            "2024-11-06,PAB,SECOND_HAND,15000000000001,,,,,100.00,0.00,0.00,0.00,0.00,,,,MISSING_STATEMENT");
    }

    [Fact]
    public void Inventory_is_sorted_by_bank_type_and_account()
    {
        InventoryRow[] rows =
        [
            Build.Balanced(Build.Account("2", Bank.PAB), 1m),
            Build.Balanced(Build.Account("3", Bank.CEB, EscrowType.SECOND_HAND), 1m),
            Build.Balanced(Build.Account("10", Bank.CEB, EscrowType.SECOND_HAND), 1m),
            Build.Balanced(Build.Account("9", Bank.CEB, EscrowType.RENOVATION), 1m),
        ];
        string path = _folder.File("inventory.csv");
        InventoryCsv.Write(path, rows);

        OutputFolder.Lines(path)[1..].Select(l => l.Split(',')[3]).Should().Equal("9", "10", "3", "2");
    }

    [Fact]
    public void Matches_have_the_contract_columns_and_are_sorted_by_account_serial_entries_rule()
    {
        MatchRecord[] matches =
        [
            new("A2", "S1", ["L5"], MatchRule.PAYMENT_REF, Build.Yuan(10m)),
            new("A1", "S2", ["L3", "L4"], MatchRule.BATCH, Build.Yuan(-0m + 30m)),
            new("A1", "S1", [], MatchRule.REVERSAL, Build.Yuan(7.5m)),
            new("A1", "S1", ["L1"], MatchRule.CARRIED, Build.Yuan(7.5m)),
        ];
        string path = _folder.File("matches.csv");
        MatchesCsv.Write(path, matches);

        OutputFolder.Lines(path).Should().Equal(
            "escrow_account_no,bank_serial,ledger_entry_ids,rule,amount",
            "A1,S1,,REVERSAL,7.50",
            "A1,S1,L1,CARRIED,7.50",
            "A1,S2,L3;L4,BATCH,30.00",
            "A2,S1,L5,PAYMENT_REF,10.00");
    }
}
