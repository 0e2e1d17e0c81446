using System.Text;
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

    /// <summary>
    /// Reads the header of ledger.csv and cuts the records after it into at most <paramref name="maxParts"/> ranges of
    /// about equal size (whole records; fewer for a small file), which <see cref="ReadPart"/> can read in parallel.
    /// Reading every part in order streams the same entries as <see cref="Read"/>.
    /// </summary>
    /// <exception cref="InputException">The file is missing, empty or lacks a column.</exception>
    /// <param name="name">What the entries' <see cref="LedgerEntry.Source"/> name the file by, e.g. its inbox-relative
    /// path; default <paramref name="path"/>. Messages always name <paramref name="path"/>.</param>
    public static LedgerParts Split(string path, int maxParts, string? name = null) => Split(path, maxParts, MinPartBytes, name);

    internal static LedgerParts Split(string path, int maxParts, long minPartBytes, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParts, 1);
        Header header;
        Encoding? encoding;
        bool splittable;
        using (CsvInput input = CsvInput.Open(path, recordPerLine: false))
        {
            header = RowFields.ReadHeader(input, Columns);
            encoding = input.Encoding;
            splittable = encoding is null ? !StartsWithUtf16Bom(path) : encoding.CodePage == InputEncoding.Gb18030.CodePage;
        }
        long length = new FileInfo(path).Length;
        int parts = splittable ? (int)Math.Clamp(length / Math.Max(1, minPartBytes), 1, maxParts) : 1;
        IReadOnlyList<RecordBoundaries.Boundary> starts = RecordBoundaries.Find(path, header.Line, parts);
        var ranges = new List<LedgerParts.Range>(starts.Count);
        for (int i = 0; i < starts.Count; i++)
        {
            long end = i + 1 < starts.Count ? starts[i + 1].Offset : length;
            if (end > starts[i].Offset)
            {
                ranges.Add(new LedgerParts.Range(starts[i].Offset, end, starts[i].Line));
            }
        }
        return new LedgerParts(path, name ?? path, header, encoding, ranges);
    }

    /// <summary>Streams the entries of part <paramref name="part"/> of <paramref name="parts"/> to <paramref name="onEntry"/>; returns their count.</summary>
    /// <exception cref="InputException">As <see cref="Read"/>, naming the file's own line.</exception>
    public static int ReadPart(LedgerParts parts, int part, AccountRegistry registry, Action<LedgerEntry> onEntry, TextPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(onEntry);
        LedgerParts.Range range = parts.Ranges[part];
        using CsvInput input = CsvInput.OpenRange(parts.Path, parts.Encoding, range.Start, range.End, range.FirstLine, recordPerLine: false, pool, parts.Name);
        int count = 0;
        while (input.ReadRecord())
        {
            parts.Header.CheckRow(input);
            onEntry(ReadRow(input, parts.Header, registry));
            count++;
        }
        return count;
    }

    private const long MinPartBytes = 4L << 20;

    private static bool StartsWithUtf16Bom(string path)
    {
        Span<byte> start = stackalloc byte[2];
        using var handle = File.OpenHandle(path);
        int read = RandomAccess.Read(handle, start, 0);
        return read == 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));
    }

    /// <summary>Streams ledger.csv rows to <paramref name="onEntry"/>; returns the row count.</summary>
    /// <exception cref="InputException">A missing column; an unknown direction, status, bank or escrow type; an
    /// amount that is not a positive yuan amount; a malformed timestamp or date; an escrow account that is not
    /// in accounts.csv or whose bank or escrow type disagrees with it.</exception>
    public static int Read(string path, AccountRegistry registry, Action<LedgerEntry> onEntry, TextPool? pool = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(onEntry);
        using CsvInput input = CsvInput.Open(path, recordPerLine: false, pool, name);
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
            input.Shared(header[ContractNo]),
            input.Shared(header[SubAccountNo]),
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
            input.OptionalWords(header[CounterpartyName], "counterparty_name"),
            input.OptionalText(header[CounterpartyAccount]),
            input.OptionalText(header[BatchId]),
            input.Words(header[Remark], "remark"),
            input.Source);
    }
}
