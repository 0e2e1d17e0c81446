using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class SubAccountsReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text) => _folder.Write("subaccounts.csv", text);

    private static List<SubAccountBalance> Read(string path)
    {
        var rows = new List<SubAccountBalance>();
        int count = SubAccountsReader.Read(path, TestRegistry.Default, rows.Add);
        count.Should().Be(rows.Count);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Variants.Utf8), MemberType = typeof(Variants))]
    public void Example_is_read_with_or_without_bom_in_any_line_end_and_noise(TextEncoding encoding, LineEnd lineEnd, Noise noise)
    {
        string path = _folder.Write("subaccounts.csv", Examples.SubAccounts, encoding, lineEnd, noise);

        Read(path).Should().Equal(new SubAccountBalance(
            "CEB-JG2024110600031", "JG2024110600031", Bank.CEB, "38450188000123456", EscrowType.SECOND_HAND,
            Money.FromYuan(300_000m), "OPEN", new SourceRef(path, 2)));
    }

    [Fact]
    public void Negative_balance_is_read_not_rejected()
    {
        string path = Write(Examples.SubAccounts.With(",300000.00,", ",-1500.00,"));

        Read(path).Single().Balance.Should().Be(Money.FromYuan(-1500m));
    }

    [Fact]
    public void Duplicate_sub_account_is_rejected_naming_both_lines()
    {
        string path = Write(Examples.SubAccounts
            + "CEB-JG2024110600040,JG2024110600040,CEB,38450188000123456,SECOND_HAND,1.00,OPEN\n"
            + "CEB-JG2024110600031,JG2024110600031,CEB,38450188000123456,SECOND_HAND,2.00,OPEN\n");

        Action act = () => Read(path);

        act.ShouldFailAt(path, 4, "sub_account_no").Message.Should().Contain("CEB-JG2024110600031").And.Contain("line 2");
    }

    [Fact]
    public void Escrow_account_not_in_the_registry_is_rejected()
    {
        string path = Write(Examples.SubAccounts.With(",38450188000123456,", ",38450188000123457,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 2, "escrow_account_no");
    }

    [Fact]
    public void Bank_that_disagrees_with_the_registry_is_rejected()
    {
        string path = Write(Examples.SubAccounts.With(",CEB,", ",PAB,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 2, "bank");
    }

    [Fact]
    public void Malformed_balance_is_rejected()
    {
        string path = Write(Examples.SubAccounts.With(",300000.00,", ",300000.00元,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 2, "balance").Message.Should().Contain("found '300000.00元'");
    }

    [Fact]
    public void Missing_column_is_rejected_on_the_header_line()
    {
        string path = Write(Examples.SubAccounts.With(",balance,", ",amount,"));

        Action act = () => Read(path);

        act.ShouldFailAt(path, 1, "balance");
    }
}
