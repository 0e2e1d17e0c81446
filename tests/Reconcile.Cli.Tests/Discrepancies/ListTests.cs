using System.Text.Json;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using static Reconcile.Cli.Tests.Discrepancies.Cases;

namespace Reconcile.Cli.Tests.Discrepancies;

public sealed class ListTests
{
    /// <summary>Severities (fen × (age + 1)): A 100.00 × 2, B 500.00 × 1, C 100.00 × 2 (ties with A), D 80.00 × 4.</summary>
    private static FakeStore Store() => new FakeStore()
        .With(Case("D-c", bankAmount: 100m, age: 1))
        .With(Case("D-a", bankAmount: 100m, age: 1))
        .With(Case("D-b", Category.AMOUNT_MISMATCH, Bank.CITIC, EscrowType.RENOVATION, bankAmount: 500m, ledgerAmount: 499m, age: 0, account: "8110701234500000"))
        .With(Case("D-d", Category.LEDGER_ONLY, Bank.PAB, bankAmount: null, ledgerAmount: 80m, age: 3, account: "15000000000001"))
        .With(Case("D-r", bankAmount: 9999m, age: 5), Person("D-r", CaseEventKind.RESOLVED, "zhang", ResolutionReason.FALSE_ALARM, "dup"));

    private static string[] Ids(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToArray();

    [Fact]
    public void Open_cases_come_most_severe_first_ties_by_id()
    {
        var cli = new CliHarness(Store(), Morning);

        cli.Discrepancies("list", "--format", "csv").Should().Be(0);

        Ids(cli.Out).Should().Equal("D-b", "D-d", "D-a", "D-c");
    }

    [Fact]
    public void Csv_has_the_listed_columns_and_two_decimal_amounts()
    {
        var cli = new CliHarness(Store(), Morning);

        cli.Discrepancies("list", "--format", "csv", "--category", "AMOUNT_MISMATCH");

        string[] lines = cli.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be(string.Join(',', Commands.DiscrepanciesCommand.ListColumns));
        lines[1].Should().Be("D-b,CITIC,RENOVATION,8110701234500000,AMOUNT_MISMATCH,IN,500.00,499.00,S-D-b,L-D-b,2024-11-06,2024-11-06,0,OPEN,,AMOUNT_MISMATCH D-b");
        lines.Should().HaveCount(2);
    }

    [Fact]
    public void Table_shows_the_columns_a_person_needs()
    {
        var cli = new CliHarness(Store(), Morning);

        cli.Discrepancies("list").Should().Be(0);

        cli.Out.Should().ContainAll("id", "bank", "account", "category", "bank amount", "ledger amount", "age", "status", "assignee");
        cli.Out.Should().Contain("8110701234500000").And.Contain("500.00").And.Contain("4 case(s)");
        cli.Out.IndexOf("D-b", StringComparison.Ordinal).Should().BeLessThan(cli.Out.IndexOf("D-c", StringComparison.Ordinal));
        cli.Out.Should().NotContain("D-r");
    }

    [Fact]
    public void Table_is_limited_and_says_so()
    {
        var cli = new CliHarness(Store(), Morning);

        cli.Discrepancies("list", "--limit", "2");

        cli.Out.Should().Contain("4 case(s), the 2 most severe shown");
        cli.Out.Should().Contain("D-d").And.NotContain("D-a");
    }

    [Theory]
    [InlineData(new[] { "--bank", "PAB" }, new[] { "D-d" })]
    [InlineData(new[] { "--bank", "ceb" }, new[] { "D-a", "D-c" })]
    [InlineData(new[] { "--type", "RENOVATION" }, new[] { "D-b" })]
    [InlineData(new[] { "--category", "LEDGER_ONLY" }, new[] { "D-d" })]
    [InlineData(new[] { "--min-age", "1" }, new[] { "D-d", "D-a", "D-c" })]
    [InlineData(new[] { "--min-age", "3" }, new[] { "D-d" })]
    [InlineData(new[] { "--min-amount", "100" }, new[] { "D-b", "D-a", "D-c" })]
    [InlineData(new[] { "--min-amount", "100.01" }, new[] { "D-b" })]
    [InlineData(new[] { "--status", "resolved" }, new[] { "D-r" })]
    [InlineData(new[] { "--status", "all", "--min-age", "2" }, new[] { "D-r", "D-d" })]
    [InlineData(new[] { "--bank", "CEB", "--min-amount", "1000" }, new string[0])]
    public void Filters_narrow_the_list(string[] filter, string[] expected)
    {
        var cli = new CliHarness(Store(), Morning);

        cli.Discrepancies("list", ["--format", "csv", .. filter]).Should().Be(0);

        Ids(cli.Out).Should().Equal(expected);
    }

    [Fact]
    public void Json_lists_objects_with_numeric_amounts()
    {
        var cli = new CliHarness(Store(), Morning);

        cli.Discrepancies("list", "--format", "json", "--bank", "CITIC");

        using JsonDocument doc = JsonDocument.Parse(cli.Out);
        JsonElement row = doc.RootElement.EnumerateArray().Single();
        row.GetProperty("discrepancy_id").GetString().Should().Be("D-b");
        row.GetProperty("bank_amount").GetRawText().Should().Be("500.00");
        row.GetProperty("ledger_entry_id").EnumerateArray().Select(e => e.GetString()).Should().Equal("L-D-b");
        row.GetProperty("assignee").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Assignee_shows_after_assignment()
    {
        var cli = new CliHarness(Store(), Morning);
        cli.Discrepancies("assign", "D-a", "--to", "wang", "--by", "lead").Should().Be(0);

        cli.Discrepancies("list", "--format", "csv", "--bank", "CEB");

        cli.Out.Should().Contain("D-a,CEB,SECOND_HAND,38450188000123456,BANK_ONLY,IN,100.00,,S-D-a,,2024-11-05,2024-11-06,1,OPEN,wang,");
    }

    [Theory]
    [InlineData("--status", "closed")]
    [InlineData("--format", "xml")]
    [InlineData("--min-amount", "lots")]
    [InlineData("--min-age", "-1")]
    [InlineData("--bank", "ICBC")]
    [InlineData("--colour", "red")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var cli = new CliHarness(Store(), Morning);

        cli.Discrepancies("list", option, value).Should().Be(2);

        cli.Error.Should().Contain(option.TrimStart('-'));
    }

    [Fact]
    public void Store_option_is_passed_to_the_store()
    {
        var cli = new CliHarness(Store(), Morning);

        cli.Discrepancies("list", "--store", "/tmp/x.db");

        cli.Store.OpenedWith.Should().Be("/tmp/x.db");
    }

    [Fact]
    public void Severity_is_amount_times_days_listed()
    {
        var (summary, _) = Case("D-x", bankAmount: 10m, ledgerAmount: 12.5m, age: 3);

        Commands.DiscrepanciesCommand.Severity(summary).Should().Be(1250m * 4);
        Commands.DiscrepanciesCommand.MaxAmount(summary).Should().Be(Money.FromYuan(12.5m));
    }
}
