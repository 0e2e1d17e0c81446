using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Reconcile.Cli.Tests.Run;

/// <summary>
/// A temporary workspace for `reconcile run`: an inbox, an out folder and an SQLite store file. Runs the program
/// in-process (<see cref="Program.Main"/>) or as a separate process of the built binary, when a test needs its
/// standard error or must kill it. Deleted on dispose.
/// </summary>
public sealed class RunWorkspace : IDisposable
{
    static RunWorkspace() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public RunWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "reconcile-run-tests", Guid.NewGuid().ToString("N"));
        Inbox = Path.Combine(Root, "inbox");
        Out = Path.Combine(Root, "out");
        Store = Path.Combine(Root, "store.db");
        Directory.CreateDirectory(Inbox);
    }

    public string Root { get; }

    public string Inbox { get; }

    public string Out { get; }

    public string Store { get; }

    public string OutDay(string day) => Path.Combine(Out, day);

    public string InboxFile(string relative) => Path.Combine(Inbox, relative);

    /// <summary>`reconcile run --inbox … --date day --out … --store …` plus <paramref name="extra"/>, in-process.</summary>
    public int Run(string day, params string[] extra) =>
        Program.Main(["run", "--inbox", Inbox, "--date", day, "--out", Out, "--store", Store, "--plain", .. extra]);

    /// <summary>The same as a separate process of the built program: exit code, standard output, standard error.</summary>
    public (int ExitCode, string Out, string Error) RunProcess(string day, params string[] extra)
    {
        using Process process = Start(["run", "--inbox", Inbox, "--date", day, "--out", Out, "--store", Store, .. extra]);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("reconcile run did not finish in 5 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the built program (reconcile.dll beside the tests) with its output redirected.</summary>
    public static Process Start(IEnumerable<string> args) => Start(args, null, null, redirectInput: false);

    /// <summary>
    /// The same in <paramref name="workingDirectory"/> (null: the tests' own), with <paramref name="environment"/>'s
    /// variables set (a null value removes the variable), and its standard input redirected when <paramref name="redirectInput"/>.
    /// </summary>
    public static Process Start(IEnumerable<string> args, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, bool redirectInput)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reconcile.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        return Process.Start(start) ?? throw new InvalidOperationException("could not start reconcile");
    }

    /// <summary>The bytes of every CSV of a day's output, by file name.</summary>
    public Dictionary<string, byte[]> Csvs(string day) => Directory.GetFiles(OutDay(day), "*.csv")
        .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>The rows of an output CSV (BOM and header dropped), each split into cells on commas.</summary>
    public string[][] Rows(string day, string file)
    {
        string text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(OutDay(day), file)).AsSpan(3));
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(SplitCsv).ToArray();
    }

    public JsonDocument Json(string day, string file) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OutDay(day), file)));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>Splits one RFC 4180 record (quoted cells may hold commas and doubled quotes).</summary>
    public static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}
