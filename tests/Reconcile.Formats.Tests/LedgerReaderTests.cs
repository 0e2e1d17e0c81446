using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class LedgerReaderTests : IDisposable
{
    private const string HeaderLine =
        "entry_id,order_id,contract_no,sub_account_no,bank,escrow_account_no,escrow_type,direction,amount,status,created_at,settled_at,accounting_date,payment_ref,bank_serial,counterparty_name,counterparty_account,batch_id,remark\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text) => _folder.Write("ledger.csv", text);

    private static List<LedgerEntry> Read(string path)
    {
        var entries = new List<LedgerEntry>();
        int count = LedgerReader.Read(path, TestRegistry.Default, entries.Add);
        count.Should().Be(entries.Count);
        return entries;
    }

    private static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    [Theory]
    [MemberData(nameof(Variants.Utf8), MemberType = typeof(Variants))]
    public void Example_is_read_with_or_without_bom_in_any_line_end_and_noise(TextEncoding encoding, LineEnd lineEnd, Noise noise)
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger, encoding, lineEnd, noise);

        List<LedgerEntry> entries = Read(path);

        entries.Should().Equal(
            new LedgerEntry(
                "L000001", "ORD24110600011", "JG2024110600031", "CEB-JG2024110600031", Bank.CEB, "38450188000123456",
                EscrowType.SECOND_HAND, LedgerKind.DEPOSIT, Money.FromYuan(300_000m), LedgerStatus.SUCCESS,
                At("2024-11-06T01:10:00Z"), At("2024-11-06T01:15:22Z"), new LocalDate(2024, 11, 6),
                PaymentRef: null, "C241106000112", "张三", "6222021234567890123", BatchId: null, "首付款", new SourceRef(path, 2)),
            new LedgerEntry(
                "L000002", "ORD24110600027", "JG2024091203", "15000000100987", Bank.PAB, "15000000000001",
                EscrowType.SECOND_HAND, LedgerKind.REFUND, Money.FromYuan(50_000m), LedgerStatus.SUCCESS,
                At("2024-11-06T03:19:50Z"), At("2024-11-06T03:20:07Z"), new LocalDate(2024, 11, 6),
                "PAY2024110600027", BankSerial: null, "孙七", "6230580000123456789", BatchId: null, "买方退款", new SourceRef(path, 3)),
            new LedgerEntry(
                "L000003", "ORD24110600031", "ZX2024010045", "8110701234500007", Bank.CITIC, "8110701234500000",
                EscrowType.RENOVATION, LedgerKind.WITHDRAWAL, Money.FromYuan(30_000m), LedgerStatus.SUBMITTED,
                At("2024-11-06T07:29:00Z"), SettledAt: null, new LocalDate(2024, 11, 6),
                "PAY2024110600031", BankSerial: null, "某某装饰工程有限公司", "6214830012345678", BatchId: null, "第二阶段款",
                new SourceRef(path, 4)));
    }

    [Fact]
    public void Utc_timestamp_near_midnight_is_the_next_Beijing_day()
    {
        string path = Write(Examples.Ledger.With("2024-11-06T03:19:50Z", "2024-11-06T16:30:00Z"));

        Instant created = Read(path)[1].CreatedAt;

        created.Should().Be(Instant.FromUtc(2024, 11, 6, 16, 30));
        created.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).LocalDateTime
            .Should().Be(new LocalDateTime(2024, 11, 7, 0, 30));
    }

    [Fact]
    public void Beijing_offset_and_utc_name_the_same_instant()
    {
        string path = Write(Examples.Ledger
            .With("2024-11-06T03:19:50Z", "2024-11-07T00:30:00+08:00")
            .With("2024-11-06T03:20:07Z", "2024-11-06T16:30:00Z"));

        LedgerEntry entry = Read(path)[1];

        entry.SettledAt.Should().Be(entry.CreatedAt);
    }

    [Fact]
    public void Fractional_seconds_are_accepted()
    {
        string path = Write(Examples.Ledger.With("2024-11-06T03:19:50Z", "2024-11-06T03:19:50.250Z"));

        Read(path)[1].CreatedAt.Should().Be(Instant.FromUtc(2024, 11, 6, 3, 19, 50).PlusNanoseconds(250_000_000));
    }

    [Fact]
    public void Negative_amount_is_rejected()
    {
        string path = Write(Examples.Ledger.With(",REFUND,50000.00,", ",REFUND,-50000.00,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 3, "amount").Message.Should().Contain("found '-50000.00', expected a positive amount");
    }

    [Fact]
    public void Zero_amount_is_rejected()
    {
        string path = Write(Examples.Ledger.With(",REFUND,50000.00,", ",REFUND,0.00,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 3, "amount");
    }

    [Fact]
    public void Malformed_amount_is_rejected()
    {
        string path = Write(Examples.Ledger.With(",REFUND,50000.00,", ",REFUND,50000.005,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 3, "amount");
    }

    [Fact]
    public void Unknown_direction_is_rejected_listing_the_known_ones()
    {
        string path = Write(Examples.Ledger.With(",REFUND,", ",RETURN,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 3, "direction").Message.Should()
            .Contain("found 'RETURN', expected DEPOSIT, INTEREST, WITHDRAWAL, REFUND or FEE");
    }

    [Fact]
    public void Unknown_status_is_rejected()
    {
        string path = Write(Examples.Ledger.With(",SUBMITTED,", ",success,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 4, "status");
    }

    [Fact]
    public void Timestamp_without_offset_is_rejected()
    {
        string path = Write(Examples.Ledger.With("2024-11-06T15:29:00+08:00", "2024-11-06T15:29:00"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 4, "created_at").Message.Should().Contain("offset");
    }

    [Fact]
    public void Malformed_settled_at_is_rejected()
    {
        string path = Write(Examples.Ledger.With("2024-11-06T09:15:22+08:00", "2024-11-06 09:15:22"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 2, "settled_at");
    }

    [Fact]
    public void Malformed_accounting_date_is_rejected()
    {
        string path = Write(Examples.Ledger.With("+08:00,,2024-11-06,", "+08:00,,2024-11-31,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 4, "accounting_date");
    }

    [Fact]
    public void Escrow_account_not_in_the_registry_is_rejected()
    {
        string path = Write(Examples.Ledger.With(",PAB,15000000000001,", ",PAB,15000000000002,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 3, "escrow_account_no").Message.Should().Contain("accounts.csv");
    }

    [Fact]
    public void Bank_that_disagrees_with_the_registry_is_rejected()
    {
        string path = Write(Examples.Ledger.With(",PAB,15000000000001,", ",CEB,15000000000001,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 3, "bank").Message.Should().Contain("found 'CEB', expected PAB");
    }

    [Fact]
    public void Escrow_type_that_disagrees_with_the_registry_is_rejected()
    {
        string path = Write(Examples.Ledger.With(",8110701234500000,RENOVATION,", ",8110701234500000,SECOND_HAND,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 4, "escrow_type");
    }

    [Fact]
    public void Missing_column_is_rejected_on_the_header_line()
    {
        string path = Write(Examples.Ledger.With(",batch_id,", ",batch,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 1, "batch_id");
    }

    [Fact]
    public void Row_cut_short_names_the_first_missing_column()
    {
        string path = Write(HeaderLine + "L000009,ORD1,JG1,SUB1,CEB,38450188000123456,SECOND_HAND,DEPOSIT,1.00,SUCCESS\n");

        Action act = () => Read(path);

        act.ShouldFailAt(path, 2, "created_at");
    }

    [Fact]
    public void Empty_optional_text_is_null_and_references_keep_leading_zeros()
    {
        string path = Write(HeaderLine
            + "000017,,,,CEB,38450188000123456,SECOND_HAND,FEE,20.00,SUCCESS,2024-11-06T16:40:05+08:00,,2024-11-06,,0000123,,,,\n");

        LedgerEntry entry = Read(path).Single();

        entry.EntryId.Should().Be("000017");
        entry.BankSerial.Should().Be("0000123");
        entry.PaymentRef.Should().BeNull();
        entry.CounterpartyName.Should().BeNull();
        entry.CounterpartyAccount.Should().BeNull();
        entry.BatchId.Should().BeNull();
        entry.SettledAt.Should().BeNull();
        entry.OrderId.Should().BeEmpty();
        entry.Remark.Should().BeEmpty();
    }

    [Fact]
    public void Header_only_file_has_no_entries()
    {
        Read(Write(HeaderLine)).Should().BeEmpty();
    }
}
