using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

/// <summary>
/// Two writers on one store, as a CLI command beside the workbench (two hosts here: two actor systems, each with its
/// own writer, on the same database): 20 actions at once on one case and 20 on different cases all land, none lost,
/// and the hash chain holds.
/// </summary>
public sealed class ConcurrentWritersTests
{
    private static readonly EscrowAccount A = S.Account("6001");

    private static async Task TwentyAtOnce(ReconcileHost one, ReconcileHost two, NodaTime.IClock clock)
    {
        Discrepancy[] cases = Enumerable.Range(0, 21).Select(i => S.BankOnly(A, $"X{i}", 5_00 + i, S.D1)).ToArray();
        await one.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, cases)));

        // 20 comments on case 0, half through each writer, and one comment on each of cases 1..20.
        IEnumerable<Task> onOne = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? one : two).Store.AppendCaseEventAsync(
            new CaseEvent(cases[0].Id, CaseEventKind.COMMENTED, clock.GetCurrentInstant(), $"person{i}", $"note {i}", null, null, null)));
        IEnumerable<Task> onMany = Enumerable.Range(1, 20).Select(i => (i % 2 == 0 ? one : two).Store.AppendCaseEventAsync(
            new CaseEvent(cases[i].Id, CaseEventKind.ASSIGNED, clock.GetCurrentInstant(), "lead", $"person{i}", null, null, null)));
        await Task.WhenAll(onOne.Concat(onMany));

        foreach (ReconcileHost host in new[] { one, two })
        {
            (await host.Store.GetCaseAsync(cases[0].Id))!.Timeline.Where(e => e.Kind == CaseEventKind.COMMENTED).Select(e => e.Text)
                .Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => $"note {i}"));
            for (int i = 1; i <= 20; i++)
            {
                (await host.Store.GetCaseAsync(cases[i].Id))!.Summary.Assignee.Should().Be($"person{i}");
            }
        }
        (await one.Store.VerifyChainAsync()).Should().Be(new ChainReport(true, 41, null, null));
    }

    [Fact]
    public async Task Two_writers_on_one_sqlite_store_lose_nothing()
    {
        using var tmp = new TempStore();
        await using ReconcileHost one = await tmp.StartAsync();
        await using ReconcileHost two = await tmp.StartAsync();

        await TwentyAtOnce(one, two, tmp.Clock);
    }

    [PostgresFact]
    public async Task Two_writers_on_one_postgresql_store_lose_nothing()
    {
        await using TempPostgres pg = await TempPostgres.CreateAsync();
        await using ReconcileHost one = await pg.StartAsync();
        await using ReconcileHost two = await pg.StartAsync();

        await TwentyAtOnce(one, two, pg.Clock);
    }
}

public sealed class ConcurrentDecisionTests
{
    [Fact]
    public async Task Two_resolutions_sent_at_once_through_two_writers_land_once()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        Discrepancy x = S.BankOnly(a, "X1", 5_00, S.D1);
        await using ReconcileHost one = await tmp.StartAsync();
        await using ReconcileHost two = await tmp.StartAsync();
        await one.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(a, S.D1, 100, [x])));

        Task first = one.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.RESOLVED, tmp.Clock.Now, "zhang", "a", ResolutionReason.ADJUSTED, null, null));
        Task second = two.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.RESOLVED, tmp.Clock.Now, "wu", "b", ResolutionReason.REFUNDED, null, null));
        Exception? refused = null;
        try
        {
            await Task.WhenAll(first, second);
        }
        catch (CaseChangedException e)
        {
            refused = e;
        }

        refused.Should().NotBeNull("the later of the two finds the case resolved");
        refused!.Message.Should().Contain("is RESOLVED now");
        (await one.Store.GetCaseAsync(x.Id))!.Timeline.Count(e => e.Kind == CaseEventKind.RESOLVED).Should().Be(1);
    }
}
