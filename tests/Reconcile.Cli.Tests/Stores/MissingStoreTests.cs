using Reconcile.Cli.Tests.Run;

namespace Reconcile.Cli.Tests.Stores;

/// <summary>
/// A command other than run and the first users add, pointed at an SQLite store that does not exist, is refused (exit 2) and creates nothing;
/// the commands that write (run, the first users add) still create the store.
/// </summary>
public sealed class MissingStoreTests : IDisposable
{
    private readonly RunWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string Missing => Path.Combine(_ws.Root, "elsewhere", "..", "typo.db");

    private string MissingFull => Path.GetFullPath(Missing);

    public static TheoryData<string[]> ReadCommands => new()
    {
        new[] { "discrepancies", "list" },
        new[] { "discrepancies", "show", "D-0000000000" },
        new[] { "export", "inventory", "--from", "2024-11-06", "--to", "2024-11-06", "--out", "audit" },
        new[] { "audit", "verify" },
        new[] { "users", "list" },
        new[] { "policy", "show" },
        new[] { "discrepancies", "comment", "D-0000000000", "--text", "t", "--by", "li" },
        new[] { "discrepancies", "resolve", "D-0000000000", "--reason", "ADJUSTED", "--note", "n", "--by", "li" },
        new[] { "policy", "set", "approval-threshold", "1.00" },
        new[] { "users", "token", "li" },
        new[] { "serve", "--urls", "http://127.0.0.1:0" },
    };

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public void A_read_command_on_a_store_that_does_not_exist_is_refused_and_creates_nothing(string[] command)
    {
        var (exit, output, error) = Reconcile([.. command, "--store", Missing]);

        exit.Should().Be(ExitCodes.Rejected);
        error.Should().Contain($"no store at {MissingFull}: pass --store or set RECONCILE_STORE")
            .And.NotContain("usage:").And.NotContain("   at ");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
        output.Should().BeEmpty();
        File.Exists(MissingFull).Should().BeFalse();
        Directory.EnumerateFileSystemEntries(_ws.Root).Select(Path.GetFileName).Should().Equal("inbox");
    }

    [Fact]
    public void Without_store_the_default_reconcile_db_of_the_current_folder_is_not_created_by_a_read()
    {
        string folder = Path.Combine(_ws.Root, "somewhere");
        Directory.CreateDirectory(folder);

        var (exit, _, error) = Reconcile(["discrepancies", "list"], folder, new Dictionary<string, string?> { ["RECONCILE_STORE"] = null });

        exit.Should().Be(ExitCodes.Rejected);
        error.Should().Contain($"no store at {Path.Combine(folder, "reconcile.db")}: pass --store or set RECONCILE_STORE");
        Directory.EnumerateFileSystemEntries(folder).Should().BeEmpty();
    }

    [Fact]
    public void RECONCILE_STORE_naming_a_missing_file_is_refused_too()
    {
        var (exit, _, error) = Reconcile(["users", "list"], null, new Dictionary<string, string?> { ["RECONCILE_STORE"] = Missing });

        exit.Should().Be(ExitCodes.Rejected);
        error.Should().Contain($"no store at {MissingFull}:");
        File.Exists(MissingFull).Should().BeFalse();
    }

    [Fact]
    public void The_first_users_add_still_creates_the_store_and_reads_then_work()
    {
        var (added, _, addError) = Reconcile(["users", "add", "root", "--role", "admin", "--password-stdin", "--store", _ws.Store], stdin: "admin-password-1\n");

        added.Should().Be(ExitCodes.Ok, addError);
        File.Exists(_ws.Store).Should().BeTrue();
        var (listed, output, _) = Reconcile(["users", "list", "--store", _ws.Store]);
        listed.Should().Be(ExitCodes.Ok);
        output.Should().Contain("root");
        Reconcile(["discrepancies", "list", "--store", _ws.Store]).ExitCode.Should().Be(ExitCodes.Ok);
    }

    [Fact]
    public void Run_still_creates_the_store()
    {
        ExampleInbox.Write(_ws.Inbox);

        _ws.Run(ExampleInbox.Day).Should().Be(ExitCodes.Ok);

        File.Exists(_ws.Store).Should().BeTrue();
        Reconcile(["audit", "verify", "--store", _ws.Store]).ExitCode.Should().Be(ExitCodes.Ok);
    }

    private (int ExitCode, string Out, string Error) Reconcile(
        string[] args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string stdin = "")
    {
        using var process = RunWorkspace.Start(args, workingDirectory ?? _ws.Root, environment, redirectInput: true);
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"reconcile {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
