using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

public sealed class CaseListTests : IAsyncLifetime
{
    private readonly TempStore _tmp = new();
    private ReconcileHost _host = null!;

    private static readonly EscrowAccount Ceb = S.Account("6001", Bank.CEB, EscrowType.SECOND_HAND);
    private static readonly EscrowAccount Pab = S.Account("7001", Bank.PAB, EscrowType.RENOVATION);

    // CEB: small BANK_ONLY from D1 (age 3 on D4), large AMOUNT_MISMATCH from D4 (age 0); PAB: mid BANK_ONLY from D3 (age 1).
    private static readonly Discrepancy Small = S.BankOnly(Ceb, "C1", 50_00, S.D1);
    private static readonly Discrepancy Large = S.Finding(Ceb, Category.AMOUNT_MISMATCH, "C2", 900_000_00, S.D4);
    private static readonly Discrepancy Mid = S.BankOnly(Pab, "P1", 5_000_00, S.D3);

    public async Task InitializeAsync()
    {
        _host = await _tmp.StartAsync();
        await _host.Store.CommitRunAsync(S.Commit("R4", S.D4, S.Result(Ceb, S.D4, 1, [Small, Large]), S.Result(Pab, S.D4, 1, [Mid])));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _tmp.Dispose();
    }

    private async Task<string[]> Ids(CaseQuery q) => (await _host.Store.ListCasesAsync(q)).Select(c => c.CaseId).ToArray();

    [Fact]
    public async Task Lists_every_open_case_in_discrepancy_order()
    {
        (await Ids(new CaseQuery())).Should().Equal(Large.Id, Small.Id, Mid.Id); // category AMOUNT_MISMATCH < BANK_ONLY
    }

    [Fact]
    public async Task Filters_by_bank_and_type()
    {
        (await Ids(new CaseQuery(Bank: Bank.PAB))).Should().Equal(Mid.Id);
        (await Ids(new CaseQuery(Type: EscrowType.SECOND_HAND))).Should().Equal(Large.Id, Small.Id);
        (await Ids(new CaseQuery(Bank: Bank.CITIC))).Should().BeEmpty();
    }

    [Fact]
    public async Task Filters_by_category()
    {
        (await Ids(new CaseQuery(Category: Category.AMOUNT_MISMATCH))).Should().Equal(Large.Id);
    }

    [Fact]
    public async Task Filters_by_minimum_age_on_the_last_day_seen_or_a_given_day()
    {
        (await Ids(new CaseQuery(MinAgeDays: 1))).Should().Equal(Small.Id, Mid.Id);
        (await Ids(new CaseQuery(MinAgeDays: 2))).Should().Equal(Small.Id);
        (await Ids(new CaseQuery(MinAgeDays: 3, AgeOn: new LocalDate(2024, 3, 6)))).Should().Equal(Small.Id, Mid.Id);
        (await _host.Store.ListCasesAsync(new CaseQuery(AgeOn: new LocalDate(2024, 3, 6)))).Select(c => c.AgeDays).Should().Equal(2, 5, 3);
    }

    [Fact]
    public async Task Filters_by_minimum_amount_on_the_larger_side()
    {
        (await Ids(new CaseQuery(MinAmount: Money.FromFen(5_000_00)))).Should().Equal(Large.Id, Mid.Id);
        (await Ids(new CaseQuery(MinAmount: Money.FromFen(5_000_01)))).Should().Equal(Large.Id);
    }

    [Fact]
    public async Task Filters_by_status()
    {
        await _host.Store.AppendCaseEventAsync(new CaseEvent(Mid.Id, CaseEventKind.RESOLVED, _tmp.Clock.Now, "李四", "bank error", ResolutionReason.BANK_ERROR, null, null));

        (await Ids(new CaseQuery(CaseStatusFilter.Open))).Should().Equal(Large.Id, Small.Id);
        (await Ids(new CaseQuery(CaseStatusFilter.Resolved))).Should().Equal(Mid.Id);
        (await Ids(new CaseQuery(CaseStatusFilter.All, Bank: Bank.PAB))).Should().Equal(Mid.Id);
    }

    [Fact]
    public async Task A_summary_carries_what_the_list_shows()
    {
        CaseSummary s = (await _host.Store.ListCasesAsync(new CaseQuery(Bank: Bank.PAB))).Single();

        s.Should().BeEquivalentTo(new CaseSummary(
            Mid.Id, Bank.PAB, EscrowType.RENOVATION, "7001", Category.BANK_ONLY, Direction.IN, Money.FromFen(5_000_00), null,
            "P1", [], S.D3, S.D4, 1, CaseStatus.OPEN, null, "BANK_ONLY P1"));
    }
}
