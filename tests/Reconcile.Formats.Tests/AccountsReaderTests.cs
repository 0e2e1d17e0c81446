using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class AccountsReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text) => _folder.Write("accounts.csv", text);

    [Theory]
    [MemberData(nameof(Variants.Utf8), MemberType = typeof(Variants))]
    public void Example_is_read_with_or_without_bom_in_any_line_end_and_noise(TextEncoding encoding, LineEnd lineEnd, Noise noise)
    {
        string path = _folder.Write("accounts.csv", Examples.Accounts, encoding, lineEnd, noise);

        AccountRegistry registry = AccountsReader.Read(path);

        registry.Accounts.Should().Equal(
            new EscrowAccount("38450188000123456", Bank.CEB, EscrowType.SECOND_HAND, "北京", "某某经纪有限公司二手房资金监管专户",
                new LocalDate(2021, 3, 1), new SourceRef(path, 2)),
            new EscrowAccount("8110701234500000", Bank.CITIC, EscrowType.RENOVATION, "上海", "某某家装有限公司装修资金存管户",
                new LocalDate(2022, 7, 15), new SourceRef(path, 3)));
        registry.TryGet("8110701234500000", out EscrowAccount citic).Should().BeTrue();
        citic.Bank.Should().Be(Bank.CITIC);
    }

    [Fact]
    public void Account_numbers_keep_leading_zeros()
    {
        string path = Write(Examples.Accounts + "0015000000000001,PAB,SECOND_HAND,深圳,某某,2023-01-01\n");

        AccountsReader.Read(path).TryGet("0015000000000001", out _).Should().BeTrue();
    }

    [Fact]
    public void Duplicate_account_is_rejected_naming_both_lines()
    {
        string path = Write(Examples.Accounts + "38450188000123456,CEB,SECOND_HAND,北京,again,2021-03-01\n");

        Action act = () => AccountsReader.Read(path);

        act.ShouldFailAt(path, 4, "escrow_account_no").Message.Should().Contain("line 2");
    }

    [Fact]
    public void Unknown_bank_is_rejected()
    {
        string path = Write(Examples.Accounts.With(",CITIC,", ",ICBC,"));

        Action act = () => AccountsReader.Read(path);

        act.ShouldFailAt(path, 3, "bank").Message.Should().Contain("found 'ICBC', expected CEB, CITIC or PAB");
    }

    [Fact]
    public void Unknown_escrow_type_is_rejected()
    {
        string path = Write(Examples.Accounts.With(",RENOVATION,", ",NEW_HOME,"));

        Action act = () => AccountsReader.Read(path);

        act.ShouldFailAt(path, 3, "escrow_type");
    }

    [Fact]
    public void Malformed_opening_date_is_rejected()
    {
        string path = Write(Examples.Accounts.With("2021-03-01", "2021-3-1"));

        Action act = () => AccountsReader.Read(path);

        act.ShouldFailAt(path, 2, "opened_on");
    }

    [Fact]
    public void Missing_column_is_rejected_on_the_header_line()
    {
        string path = Write(Examples.Accounts.With(",escrow_type,", ",type,"));

        Action act = () => AccountsReader.Read(path);

        act.ShouldFailAt(path, 1, "escrow_type");
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        string path = Write("");

        Action act = () => AccountsReader.Read(path);

        act.ShouldFailAt(path, 0, null).Message.Should().Contain("escrow_account_no,bank");
    }
}
