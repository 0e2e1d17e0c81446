using Microsoft.Data.Sqlite;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

/// <summary>
/// Undoing a pair the ladder made, in the store: one record opens the bank line's case with the ladder's pair and
/// unmatches it; the items are open again (held) in the account's latest state, and a read model rebuilt from the
/// journal gives the same history in the same order.
/// </summary>
public sealed class AutomaticUnpairStoreTests
{
    private static readonly EscrowAccount A = S.Account("6001");

    private static (Pairing Pairing, Discrepancy Case) Pair()
    {
        Discrepancy bankOnly = S.BankOnly(A, "X1", 5_00, S.D1);
        OpenItem line = S.BankItem(A.AccountNo, "X1", 5_00, S.D1) with { FindingId = bankOnly.Id };
        LedgerEntry entry = new(
            "L1", "O1", "", "", Bank.CEB, A.AccountNo, EscrowType.SECOND_HAND, LedgerKind.DEPOSIT, Money.FromFen(5_00), LedgerStatus.SUCCESS,
            NodaTime.Instant.FromUtc(2024, 3, 1, 1, 0), null, S.D1, null, "X1", null, null, null, "", new SourceRef("ledger.csv", 2));
        var pairing = new Pairing(bankOnly.Id, A.AccountNo, [line, OpenItem.Of(entry, S.D1)], null) { Rule = MatchRule.BANK_SERIAL, PairedOn = S.D1 };
        return (pairing, bankOnly);
    }

    private static (CaseEvent Unmatched, CaseOpening Opening) Undo(TempStore tmp, Pairing pairing, Discrepancy? newCase)
    {
        var paired = new CaseEvent(pairing.CaseId, CaseEventKind.RESOLVED, NodaTime.Instant.FromUtc(2024, 3, 1, 0, 1), "system", AutomaticPairs.Describe(pairing),
            ResolutionReason.MATCHED, "R1", S.D1) { Pairing = pairing };
        var unmatched = new CaseEvent(pairing.CaseId, CaseEventKind.UNMATCHED, tmp.Clock.Now, "李四", "wrong pair", ResolutionReason.MATCHED, null, null) { Pairing = pairing };
        return (unmatched, new CaseOpening(newCase, paired));
    }

    [Fact]
    public async Task One_record_opens_the_case_with_the_ladders_pair_and_undoes_it_and_a_rebuilt_read_model_tells_the_same_history()
    {
        using var tmp = new TempStore();
        (Pairing pairing, Discrepancy bankOnly) = Pair();
        IReadOnlyList<CaseEvent> before;
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100)));
            (CaseEvent unmatched, CaseOpening opening) = Undo(tmp, pairing, bankOnly);
            await host.Store.AppendCaseEventAsync(unmatched, opening);

            CaseDetail detail = (await host.Store.GetCaseAsync(bankOnly.Id))!;
            detail.Summary.Status.Should().Be(CaseStatus.REOPENED);
            detail.Timeline.Select(e => (e.Kind, e.By)).Should().Equal((CaseEventKind.RESOLVED, "system"), (CaseEventKind.UNMATCHED, "李四"));
            AccountDayState latest = (await host.Store.LatestStateAsync(A.AccountNo))!;
            latest.State.OpenItems.Select(i => (i.ItemId, i.Held, i.FirstSeen)).Should().Equal(("B:X1", true, S.D1), ("L:L1", true, S.D1));

            (CaseEvent again, CaseOpening reopening) = Undo(tmp, pairing, bankOnly);
            Func<Task> twice = () => host.Store.AppendCaseEventAsync(again, reopening);
            await twice.Should().ThrowAsync<CaseChangedException>("the case is known now");
            before = detail.Timeline;
        }
        using (SqliteConnection raw = tmp.OpenRaw())
        using (SqliteCommand old = raw.CreateCommand())
        {
            old.CommandText = "UPDATE rc_projection SET version = 0;";
            old.ExecuteNonQuery();
        }
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            (await host.Store.GetCaseAsync(bankOnly.Id))!.Timeline.Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
            (await host.Store.VerifyChainAsync()).Intact.Should().BeTrue();
        }
    }
}
