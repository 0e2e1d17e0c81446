using System.Text;
using Microsoft.Data.Sqlite;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

/// <summary>The store keeps each account's matched serial / ref hashes per day and hands a run those of the days before it.</summary>
public sealed class StoreRetainedKeysTests
{
    private static readonly EscrowAccount A = S.Account("6001");
    private static readonly EscrowAccount B = S.Account("7001", Bank.PAB, EscrowType.RENOVATION);

    [Fact]
    public async Task A_run_gets_the_keys_of_the_days_before_it_within_the_window_never_its_own_day_or_later()
    {
        using var tmp = new TempStore();
        await using ReconcileHost host = await tmp.StartAsync();
        await CommitThreeDays(host.Store);

        await RetainedKeysCheck.BeforeD3Async(host.Store);
    }

    [Fact]
    public async Task A_rerun_of_a_day_replaces_the_keys_of_that_day()
    {
        using var tmp = new TempStore();
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, WithKeys(S.Result(A, S.D1, 100), 1, 2)));

        await host.Store.CommitRunAsync(S.Commit("R1b", S.D1, WithKeys(S.Result(A, S.D1, 100), 2, 9)));

        RetainedKeys keys = (await host.Store.RetainedKeysAsync(["6001"], S.D2, 400))["6001"];
        keys.TryFind(1, out _).Should().BeFalse("the superseded run's keys are gone");
        keys.TryFind(9, out _).Should().BeTrue();
        keys.Count.Should().Be(2);
    }

    [Fact]
    public async Task The_keys_travel_compactly_in_the_journal_and_come_back_when_the_read_model_is_rebuilt()
    {
        using var tmp = new TempStore();
        ulong[] many = Enumerable.Range(1, 1000).Select(i => unchecked((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100) with { Matched = MatchedKeys.Of([.. many]) }));
        }
        using (SqliteConnection raw = tmp.OpenRaw())
        using (SqliteCommand cmd = raw.CreateCommand())
        {
            cmd.CommandText = "SELECT message FROM journal WHERE sequence_number = 1";
            RunCommitted stored = ChainRecord.Parse((byte[])cmd.ExecuteScalar()!).Decode<RunCommitted>();
            stored.Results.Single().Matched!.Hashes.Should().BeEquivalentTo(many);
            Encoding.UTF8.GetString(StoreJson.ToUtf8(stored.Results.Single()))
                .Should().Contain("\"Matched\":\"" + Convert.ToBase64String(MatchedKeys.Of([.. many]).ToBytes()) + "\"", "8 bytes a hash, in base64");
            cmd.CommandText = "UPDATE rc_projection SET version = 0; DELETE FROM rc_matched_keys;";
            cmd.ExecuteNonQuery();
        }

        await using (ReconcileHost host = await tmp.StartAsync())
        {
            host.Ready.CaughtUp.Should().Be(1);
            RetainedKeys keys = (await host.Store.RetainedKeysAsync(["6001"], S.D2, 400))["6001"];
            keys.Count.Should().Be(1000);
            many.Where(h => !(keys.TryFind(h, out LocalDate day) && day == S.D1)).Should().BeEmpty();
        }
    }

    [Fact]
    public void A_journal_result_written_before_keys_were_kept_still_reads_and_keeps_none()
    {
        byte[] json = StoreJson.ToUtf8(S.Result(A, S.D1, 100));
        Encoding.UTF8.GetString(json).Should().NotContain("Matched");

        StoreJson.FromUtf8<AccountDayResult>(json).Matched.Should().BeNull();
    }

    [PostgresFact]
    public async Task The_keys_work_the_same_on_postgresql()
    {
        await using TempPostgres pg = await TempPostgres.CreateAsync();
        await using ReconcileHost host = await pg.StartAsync();
        await CommitThreeDays(host.Store);
        await host.Store.CommitRunAsync(S.Commit("R1b", S.D1, WithKeys(S.Result(A, S.D1, 100), 1, 2, 7)));

        await RetainedKeysCheck.BeforeD3Async(host.Store, alsoOnD1: 7);
    }

    /// <summary>D1: A {1, 2}, B {5}; D2: A {3}; D3: A {4}.</summary>
    private static async Task CommitThreeDays(IReconcileStore store)
    {
        await store.CommitRunAsync(S.Commit("R1", S.D1, WithKeys(S.Result(A, S.D1, 100), 1, 2), WithKeys(S.Result(B, S.D1, 100), 5)));
        await store.CommitRunAsync(S.Commit("R2", S.D2, WithKeys(S.Result(A, S.D2, 100), 3), S.Result(B, S.D2, 100)));
        await store.CommitRunAsync(S.Commit("R3", S.D3, WithKeys(S.Result(A, S.D3, 100), 4), S.Result(B, S.D3, 100)));
    }

    private static AccountDayResult WithKeys(AccountDayResult result, params ulong[] hashes) => result with { Matched = MatchedKeys.Of(hashes) };

    private static class RetainedKeysCheck
    {
        public static async Task BeforeD3Async(IReconcileStore store, ulong? alsoOnD1 = null)
        {
            IReadOnlyDictionary<string, RetainedKeys> before3 = await store.RetainedKeysAsync(["6001", "7001", "9999"], S.D3, 400);
            before3.Keys.Should().BeEquivalentTo("6001", "7001");
            RetainedKeys a = before3["6001"];
            a.TryFind(1, out LocalDate day).Should().BeTrue();
            day.Should().Be(S.D1);
            a.TryFind(3, out day).Should().BeTrue();
            day.Should().Be(S.D2);
            a.TryFind(4, out _).Should().BeFalse("D3's own keys are not an earlier day's");
            if (alsoOnD1 is { } extra)
            {
                a.TryFind(extra, out day).Should().BeTrue();
                day.Should().Be(S.D1);
            }
            before3["7001"].TryFind(5, out _).Should().BeTrue();

            RetainedKeys lastDayOnly = (await store.RetainedKeysAsync(["6001"], S.D3, 1))["6001"];
            lastDayOnly.TryFind(3, out _).Should().BeTrue();
            lastDayOnly.TryFind(1, out _).Should().BeFalse("D1 is outside a 1-day window before D3");
            (await store.RetainedKeysAsync(["6001"], S.D1, 400)).Should().BeEmpty("a re-run of D1 sees no keys of D1 or later");
            (await store.RetainedKeysAsync(["6001"], S.D3, 0)).Should().BeEmpty();
        }
    }
}
