using NodaTime;
using Reconcile.Core.Access;
using Reconcile.Core.Model;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

public sealed class StoreAccessTests
{
    private static readonly Instant T = Instant.FromUtc(2024, 3, 1, 2, 0);

    private static AccessEvent[] Changes() =>
    [
        new(AccessEventKind.USER_ADDED, T, AccessEvent.Bootstrap, "root", Role.ADMIN, PasswordHash: "pbkdf2$root"),
        new(AccessEventKind.USER_ADDED, T.Plus(Duration.FromMinutes(1)), "root", "张三", Role.PREPARER, PasswordHash: "pbkdf2$zhang"),
        new(AccessEventKind.TOKEN_ISSUED, T.Plus(Duration.FromMinutes(2)), "张三", "张三", TokenHash: "sha256$t1"),
        new(AccessEventKind.PASSWORD_CHANGED, T.Plus(Duration.FromMinutes(3)), "root", "张三", PasswordHash: "pbkdf2$zhang2"),
        new(AccessEventKind.USER_ADDED, T.Plus(Duration.FromMinutes(4)), "root", "li", Role.APPROVER, PasswordHash: "pbkdf2$li"),
        new(AccessEventKind.USER_DISABLED, T.Plus(Duration.FromMinutes(5)), "root", "LI "),
        new(AccessEventKind.POLICY_SET, T.Plus(Duration.FromMinutes(6)), "root", Setting: "approval-threshold", Threshold: Money.FromFen(100_00)),
    ];

    private static async Task ExpectTeam(ReconcileHost host)
    {
        (await host.Store.UsersAsync()).Should().Equal(
            new UserAccount("li", Role.APPROVER, true, "pbkdf2$li", null, T.Plus(Duration.FromMinutes(4))),
            new UserAccount("root", Role.ADMIN, false, "pbkdf2$root", null, T),
            new UserAccount("张三", Role.PREPARER, false, "pbkdf2$zhang2", "sha256$t1", T.Plus(Duration.FromMinutes(1))));
        (await host.Store.PolicyAsync()).ApprovalThreshold.Should().Be(Money.FromFen(100_00));
        (await host.Store.VerifyChainAsync()).Should().Be(new ChainReport(true, 7, null, null), "every change to users and policy is a record of the hash chain");
    }

    [Fact]
    public async Task A_new_store_has_no_users_and_the_default_policy()
    {
        using var tmp = new TempStore();
        await using ReconcileHost host = await tmp.StartAsync();

        (await host.Store.UsersAsync()).Should().BeEmpty();
        (await host.Store.PolicyAsync()).Should().Be(StorePolicy.Default);
    }

    [Fact]
    public async Task Users_and_policy_survive_a_restart_and_are_rebuilt_from_the_journal()
    {
        using var tmp = new TempStore();
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            foreach (AccessEvent e in Changes())
            {
                await host.Store.AppendAccessEventAsync(e);
            }
            await ExpectTeam(host);
        }
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await ExpectTeam(host);
        }
        using (var raw = tmp.OpenRaw())
        using (var old = raw.CreateCommand())
        {
            old.CommandText = "UPDATE rc_projection SET version = 0; DELETE FROM rc_users; DELETE FROM rc_policy;";
            old.ExecuteNonQuery();
        }

        await using (ReconcileHost host = await tmp.StartAsync())
        {
            host.Ready.CaughtUp.Should().Be(7);
            await ExpectTeam(host);
        }
    }

    [Fact]
    public async Task A_forged_role_in_the_journal_is_caught_by_audit_verify()
    {
        using var tmp = new TempStore();
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            foreach (AccessEvent e in Changes())
            {
                await host.Store.AppendAccessEventAsync(e);
            }
        }
        using (var c = tmp.OpenRaw())
        {
            byte[] message;
            using (var read = c.CreateCommand())
            {
                read.CommandText = "SELECT message FROM journal WHERE sequence_number = 2";
                message = (byte[])read.ExecuteScalar()!;
            }
            string text = System.Text.Encoding.UTF8.GetString(message);
            text.Should().Contain("PREPARER");
            using var write = c.CreateCommand();
            write.CommandText = "UPDATE journal SET message = @m WHERE sequence_number = 2";
            write.Parameters.AddWithValue("@m", System.Text.Encoding.UTF8.GetBytes(text.Replace("PREPARER", "APPROVER", StringComparison.Ordinal)));
            write.ExecuteNonQuery().Should().Be(1);
        }

        await using (ReconcileHost host = await tmp.StartAsync())
        {
            ChainReport report = await host.Store.VerifyChainAsync();
            report.Intact.Should().BeFalse("the journal record of the preparer's creation no longer has its hash");
            report.FirstBadRecord.Should().StartWith("#2 AccessChanged");
        }
    }

    [PostgresFact]
    public async Task Users_and_policy_work_on_postgresql()
    {
        await using TempPostgres pg = await TempPostgres.CreateAsync();
        await using (ReconcileHost host = await pg.StartAsync())
        {
            foreach (AccessEvent e in Changes())
            {
                await host.Store.AppendAccessEventAsync(e);
            }
        }

        await using (ReconcileHost host = await pg.StartAsync())
        {
            await ExpectTeam(host);
        }
    }
}
