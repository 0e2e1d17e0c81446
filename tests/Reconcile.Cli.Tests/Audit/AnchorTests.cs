using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reconcile.Cli.Commands;
using Reconcile.Cli.Tests.Run;

namespace Reconcile.Cli.Tests.Audit;

/// <summary>Export manifests publish the chain head; `audit verify --anchors` catches a store cut back after them.</summary>
public sealed class AnchorTests : IDisposable
{
    private readonly RunWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string Audit => Path.Combine(_ws.Root, "audit");

    private (int Exit, string Out) Verify(params string[] extra)
    {
        var output = new StringWriter();
        int exit = ReconcileCli.Invoke(["audit", "verify", "--store", _ws.Store, .. extra], CliServices.ForProcess(), output, output);
        return (exit, output.ToString());
    }

    private void RunAndExport()
    {
        ExampleInbox.Write(_ws.Inbox);
        _ws.Run("2024-11-06").Should().Be(0);
        Program.Main(["export", "inventory", "--from", "2024-11-06", "--to", "2024-11-06", "--out", Audit, "--store", _ws.Store]).Should().Be(0);
    }

    [Fact]
    public void The_export_manifest_publishes_the_chain_head_and_verify_finds_it()
    {
        RunAndExport();

        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Audit, "manifest.json"))))
        {
            JsonElement head = doc.RootElement.GetProperty("audit_chain_head");
            head.GetProperty("sequence_nr").GetInt64().Should().Be(1);
            head.GetProperty("hash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        }
        var (exit, output) = Verify("--anchors", Audit);

        exit.Should().Be(0);
        output.Should().Contain("hash chain intact").And.Contain("1 published chain head(s) found in the store");
    }

    [Fact]
    public void A_store_cut_back_after_a_filed_manifest_is_caught()
    {
        RunAndExport();
        using (var c = new SqliteConnection($"Data Source={_ws.Store};Pooling=False"))
        {
            c.Open();
            using SqliteCommand delete = c.CreateCommand();
            delete.CommandText = "DELETE FROM journal";
            delete.ExecuteNonQuery();
        }

        var (alone, said) = Verify();
        alone.Should().Be(1, "an empty chain is intact, but the read model still holds what the deleted records made");
        said.Should().Contain("hash chain intact, 0 record(s) checked").And.Contain("read model DIFFERS from the journal")
            .And.Contain("EXTRA   rc_runs seq=1: the store has this row, no journal record makes it");
        var (exit, output) = Verify("--anchors", Audit);

        exit.Should().Be(1);
        output.Should().Contain($"ANCHOR BROKEN {Path.Combine(Audit, "manifest.json")}: publishes record #1, which the store no longer has");
    }

    [Fact]
    public void Run_manifests_publish_the_chain_head_after_their_commit_and_anchor_the_store_too()
    {
        ExampleInbox.Write(_ws.Inbox);
        _ws.Run("2024-11-06").Should().Be(0);
        ExampleInbox.SubAccounts(_ws.Inbox, "1.00");
        _ws.Run("2024-11-06").Should().Be(1, "corrected the wrong way: a second commit");

        using (JsonDocument doc = _ws.Json("2024-11-06", "manifest.json"))
        {
            JsonElement head = doc.RootElement.GetProperty("audit_chain_head");
            head.GetProperty("sequence_nr").GetInt64().Should().Be(2, "the head once this run's record is in the chain");
            head.GetProperty("hash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        }
        var (ok, said) = Verify("--anchors", _ws.Out);
        ok.Should().Be(0, said);
        said.Should().Contain("1 published chain head(s) found in the store");

        // The second run's record cut from the end of the journal: the chain that is left is intact.
        using (var c = new SqliteConnection($"Data Source={_ws.Store};Pooling=False"))
        {
            c.Open();
            using SqliteCommand delete = c.CreateCommand();
            delete.CommandText = "DELETE FROM journal WHERE sequence_number = 2";
            delete.ExecuteNonQuery();
        }
        var (exit, output) = Verify("--anchors", _ws.Out);

        exit.Should().Be(1);
        output.Should().Contain($"ANCHOR BROKEN {Path.Combine(_ws.OutDay("2024-11-06"), "manifest.json")}: publishes record #2, which the store no longer has");
    }

    [Fact]
    public void A_missing_anchor_folder_is_a_usage_error()
    {
        RunAndExport();

        (int exit, string output) = Verify("--anchors", Path.Combine(_ws.Root, "nowhere"));

        exit.Should().Be(ExitCodes.Rejected);
        output.Should().Contain("no such folder");
    }
}
