using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using static Reconcile.Cli.Tests.Discrepancies.Cases;

namespace Reconcile.Cli.Tests.Discrepancies;

public sealed class ShowTests
{
    private static readonly BankLine s_line = new(
        Bank.CEB, "38450188000123456", Day, new LocalDateTime(2024, 11, 6, 9, 15, 22), "C241106000112", Direction.IN, Yuan(300_000m),
        Yuan(12_300_000m), null, null, null, "JG2024110600031", "6222021234567890123", "张三", "中国工商银行北京朝阳支行", "跨行转入",
        "JG2024110600031首付款", null, 0, new SourceRef("inbox/2024-11-06/statements/ceb.csv", 7));

    private static readonly LedgerEntry s_entry = new(
        "L000001", "ORD1", "JG2024110600031", "CEB-JG2024110600031", Bank.CEB, "38450188000123456", EscrowType.SECOND_HAND,
        LedgerKind.DEPOSIT, Yuan(299_000m), LedgerStatus.SUCCESS, Instant.FromUtc(2024, 11, 6, 1, 10), null, Day, null, "C241106000112",
        "张三", "6222021234567890123", null, "首付款", new SourceRef("inbox/2024-11-06/ledger.csv", 2));

    private static CliHarness Cli()
    {
        var c = Case(
            "D-amt", Category.AMOUNT_MISMATCH, bankAmount: 300_000m, ledgerAmount: 299_000m, line: s_line, entries: [s_entry],
            candidates: [new Candidate("SUB_ACCOUNT", "L000009", Yuan(300_000m), "booking day 2024-11-01 is outside the 1-day window")]);
        return new CliHarness(
            new FakeStore().With(
                c,
                new CaseEvent("D-amt", CaseEventKind.ASSIGNED, Instant.FromUtc(2024, 11, 7, 1, 0), "lead", "wang", null, null, null),
                new CaseEvent("D-amt", CaseEventKind.COMMENTED, Instant.FromUtc(2024, 11, 7, 16, 45), "wang", "asked the bank for the slip", null, null, null)),
            Morning);
    }

    [Fact]
    public void Show_gives_both_sides_with_their_sources()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("show", "D-amt").Should().Be(0);

        cli.Out.Should().ContainAll(
            "D-amt", "AMOUNT_MISMATCH (金额不符)", "OPEN", "assignee: wang",
            "C241106000112", "2024-11-06 09:15:22", "IN 300000.00", "张三", "JG2024110600031首付款",
            "inbox/2024-11-06/statements/ceb.csv, line 7",
            "L000001", "DEPOSIT", "299000.00", "SUCCESS", "inbox/2024-11-06/ledger.csv, line 2");
    }

    [Fact]
    public void Show_lists_the_rejected_candidates_with_why()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("show", "D-amt");

        cli.Out.Should().ContainAll("SUB_ACCOUNT", "L000009", "booking day 2024-11-01 is outside the 1-day window");
    }

    [Fact]
    public void Timeline_is_in_beijing_time_with_who_what_and_why()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("show", "D-amt");

        cli.Out.Should().ContainAll(
            "2024-11-07 07:05:00", "system", "RAISED", "business day 2024-11-05; run R-1",
            "2024-11-07 09:00:00", "lead", "ASSIGNED → wang",
            "2024-11-08 00:45:00", "asked the bank for the slip");
    }

    [Fact]
    public void Pending_resolution_is_shown_with_its_maker()
    {
        CliHarness cli = Cli();
        cli.Discrepancies("resolve", "D-amt", "--reason", "ADJUSTED", "--note", "调账", "--by", "zhang").Should().Be(0);

        cli.Discrepancies("show", "D-amt").Should().Be(0);

        cli.Out.Should().Contain("PENDING_APPROVAL — ADJUSTED (调账) requested by zhang at 2024-11-07 10:30:00");
        cli.Out.Should().Contain("RESOLUTION_REQUESTED ADJUSTED (调账)");
    }
}
