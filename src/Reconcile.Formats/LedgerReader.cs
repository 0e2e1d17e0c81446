using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>ledger.csv: the internal ledger's entries of one accounting day.</summary>
public static class LedgerReader
{
    private static readonly string[] Columns =
    [
        "entry_id", "order_id", "contract_no", "sub_account_no", "bank", "escrow_account_no", "escrow_type", "direction",
        "amount", "status", "created_at", "settled_at", "accounting_date", "payment_ref", "bank_serial",
        "counterparty_name", "counterparty_account", "batch_id", "remark",
    ];

    private const int EntryId = 0, OrderId = 1, ContractNo = 2, SubAccountNo = 3, BankColumn = 4, AccountNo = 5, Type = 6,
        Kind = 7, Amount = 8, Status = 9, CreatedAt = 10, SettledAt = 11, AccountingDate = 12, PaymentRef = 13,
        BankSerial = 14, CounterpartyName = 15, CounterpartyAccount = 16, BatchId = 17, Remark = 18;

    /// <summary>Streams ledger.csv rows to <paramref name="onEntry"/>; returns the row count.</summary>
    /// <exception cref="InputException">A missing column; an unknown direction, status, bank or escrow type; an
    /// amount that is not a positive yuan amount; a malformed timestamp or date; an escrow account that is not
    /// in accounts.csv or whose bank or escrow type disagrees with it.</exception>
    public static int Read(string path, AccountRegistry registry, Action<LedgerEntry> onEntry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(onEntry);
        using CsvInput input = CsvInput.Open(path, recordPerLine: false);
        Header header = RowFields.ReadHeader(input, Columns);
        int count = 0;
        while (input.ReadRecord())
        {
            header.CheckRow(input);
            onEntry(ReadRow(input, header, registry));
            count++;
        }
        return count;
    }

    private static LedgerEntry ReadRow(CsvInput input, Header header, AccountRegistry registry)
    {
        string entryId = RowFields.Required(input, header[EntryId], "entry_id", "the ledger entry id");
        EscrowAccount account = RowFields.RegisteredAccount(input, header[AccountNo], header[BankColumn], header[Type], registry);
        LedgerKind kind = RowFields.Code<LedgerKind>(input, header[Kind], "direction");
        if (!FieldParsers.TryYuan(input.Span(header[Amount]), out Money amount) || amount <= Money.Zero)
        {
            throw input.Found(header[Amount], "amount", "a positive amount in yuan, such as 300000.00 (the direction column says which way)");
        }
        LedgerStatus status = RowFields.Code<LedgerStatus>(input, header[Status], "status");
        Instant createdAt = RowFields.Timestamp(input, header[CreatedAt], "created_at");
        Instant? settledAt = RowFields.OptionalTimestamp(input, header[SettledAt], "settled_at");
        LocalDate accountingDate = RowFields.IsoDate(input, header[AccountingDate], "accounting_date");
        return new LedgerEntry(
            entryId,
            input.Text(header[OrderId]),
            input.Text(header[ContractNo]),
            input.Text(header[SubAccountNo]),
            account.Bank,
            account.AccountNo,
            account.Type,
            kind,
            amount,
            status,
            createdAt,
            settledAt,
            accountingDate,
            input.OptionalText(header[PaymentRef]),
            input.OptionalText(header[BankSerial]),
            input.OptionalText(header[CounterpartyName]),
            input.OptionalText(header[CounterpartyAccount]),
            input.OptionalText(header[BatchId]),
            input.Text(header[Remark]),
            input.Source);
    }
}
