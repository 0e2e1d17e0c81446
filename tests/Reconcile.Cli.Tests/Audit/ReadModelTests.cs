using Microsoft.Data.Sqlite;
using Reconcile.Cli.Commands;
using Reconcile.Cli.Tests.Run;

namespace Reconcile.Cli.Tests.Audit;

/// <summary>`audit verify` re-derives the read model from the journal: edits of the case tables no longer pass.</summary>
public sealed class ReadModelTests : IDisposable
{
    private readonly RunWorkspace _ws = new();

    public ReadModelTests()
    {
        ExampleInbox.Write(_ws.Inbox);
        _ws.Run(ExampleInbox.Day).Should().Be(0);
    }

    public void Dispose() => _ws.Dispose();

    private (int Exit, string Out) Verify()
    {
        var output = new StringWriter();
        int exit = ReconcileCli.Invoke(["audit", "verify", "--store", _ws.Store], CliServices.ForProcess(), output, output);
        return (exit, output.ToString());
    }

    private void Sql(string sql)
    {
        using var c = new SqliteConnection($"Data Source={_ws.Store};Pooling=False");
        c.Open();
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery().Should().BeGreaterThan(0);
    }

    private string CaseId()
    {
        using var c = new SqliteConnection($"Data Source={_ws.Store};Pooling=False");
        c.Open();
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT case_id FROM rc_cases";
        return (string)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void An_untouched_store_verifies_with_its_read_model()
    {
        var (exit, output) = Verify();

        exit.Should().Be(0, output);
        output.Should().Contain("hash chain intact, 1 record(s) checked")
            .And.Contain("read model matches the journal: every table re-derived from the 1 record(s) and compared row by row")
            .And.Contain("rc_cases 1");
    }

    [Fact]
    public void A_case_set_to_resolved_in_place_and_a_deleted_run_row_are_named_and_exit_1()
    {
        string id = CaseId();
        Sql($"UPDATE rc_cases SET status = 'RESOLVED', assignee = '王总' WHERE case_id = '{id}'");
        Sql("DELETE FROM rc_runs");

        var (exit, output) = Verify();

        exit.Should().Be(1);
        output.Should().Contain("hash chain intact")
            .And.Contain("read model DIFFERS from the journal: 3 difference(s)")
            .And.Contain($"DIFFERS rc_cases case_id={id}: status stored 'RESOLVED', the journal makes 'OPEN'")
            .And.Contain($"DIFFERS rc_cases case_id={id}: assignee stored '王总', the journal makes NULL")
            .And.Contain("MISSING rc_runs seq=1: the journal makes this row, the store does not have it")
            .And.Contain("rc_cases: 2 difference(s) (1 row(s) stored, 1 made by the journal)");
    }

    [Fact]
    public void The_program_exits_1_on_a_forged_read_model()
    {
        Sql("INSERT INTO rc_policy (name, value, seq) VALUES ('approval-threshold', '100000000', 1)");

        Program.Main(["audit", "verify", "--store", _ws.Store]).Should().Be(1);
    }
}
