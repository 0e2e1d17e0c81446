using System.Globalization;
using Reconcile.Core.Model;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Pipeline;
using Spectre.Console;

namespace Reconcile.Cli.Rendering;

/// <summary>
/// The end-of-run report a finance person reads in five seconds: one row per bank × type and a total — accounts,
/// bank lines, auto-match rate, open discrepancies, in transit, accounts not balanced — then what the exit code means
/// and where the files are. A Spectre table on a terminal; aligned plain text otherwise.
/// </summary>
internal static class RunSummaryView
{
    private static readonly string[] Headers = ["Bank", "Type", "Accounts", "Lines", "Auto-match", "Discrepancies", "In transit", "Unbalanced", "Missing stmt"];

    /// <summary>The same columns, short enough for an 80-column terminal.</summary>
    private static readonly string[] ShortHeaders = ["Bank", "Type", "Accts", "Lines", "Matched", "Discrep.", "Transit", "Unbal.", "No stmt"];

    public static void Render(TextWriter plain, IAnsiConsole? rich, RunOutcome outcome)
    {
        RunSummary s = outcome.Summary;
        var rows = s.Partitions.Select(Cells).Append(Cells(s.Totals)).ToList();
        if (rich is null)
        {
            plain.WriteLine(Title(s));
            WritePlainTable(plain, rows);
            if (KeptLine(outcome) is { } keptLine)
            {
                plain.WriteLine(keptLine);
            }
            plain.WriteLine(ExitLine(outcome));
            plain.WriteLine($"outputs: {outcome.OutputDirectory}");
            return;
        }
        rich.MarkupLine($"[bold]{Markup.Escape(Title(s))}[/]");
        bool wide = rich.Profile.Width >= 110;
        string[] headers = wide ? Headers : ShortHeaders;
        var table = new Table().Border(wide ? TableBorder.Rounded : TableBorder.None).Collapse();
        for (int i = 0; i < headers.Length; i++)
        {
            int width = rows.Max(r => r[i].Length);
            var column = new TableColumn($"[bold]{headers[i]}[/]").NoWrap().Width(Math.Max(width, headers[i].Length));
            table.AddColumn(i < 2 ? column : column.RightAligned());
        }
        for (int r = 0; r < rows.Count; r++)
        {
            bool total = r == rows.Count - 1;
            PartitionSummary p = r < s.Partitions.Count ? s.Partitions[r] : s.Totals;
            table.AddRow(rows[r].Select((cell, i) => Style(cell, i, p, total)).ToArray());
        }
        rich.Write(table);
        if (KeptLine(outcome) is { } kept)
        {
            rich.MarkupLine($"[grey]{Markup.Escape(kept)}[/]");
        }
        string colour = outcome.ExitCode == 0 ? "green" : "red";
        rich.MarkupLine($"[{colour}]{Markup.Escape(ExitLine(outcome))}[/]");
        rich.MarkupLine($"outputs: [blue]{Markup.Escape(outcome.OutputDirectory)}[/]");
    }

    /// <summary>
    /// For a subset re-run: the partitions whose rows the day's folder keeps from earlier runs of the day (they are in
    /// the table and the exit code too). Null when the run wrote every partition itself.
    /// </summary>
    public static string? KeptLine(RunOutcome outcome)
    {
        IReadOnlyList<KeptPartition>? kept = outcome.Manifest.Kept;
        return kept is { Count: > 0 }
            ? "kept as the day's folder had them: " + string.Join(", ", kept.Select(k => $"{k.Bank}/{k.Type} (run {k.RunId})"))
            : null;
    }

    /// <summary>"exit 0: …" / "exit 1: …", naming what keeps the proof from closing.</summary>
    public static string ExitLine(RunOutcome outcome)
    {
        PartitionSummary t = outcome.Summary.Totals;
        if (outcome.ExitCode == 0)
        {
            return $"exit 0: every account is BALANCED ({Plural(t.DiscrepancyTotal, "discrepancy", "discrepancies")} open, {t.InTransit} in transit)";
        }
        var problems = new List<string>();
        if (t.UnbalancedAccounts > 0)
        {
            problems.Add($"{Plural(t.UnbalancedAccounts, "account")} UNBALANCED");
        }
        if (t.MissingStatements > 0)
        {
            problems.Add($"{Plural(t.MissingStatements, "account")} MISSING_STATEMENT");
        }
        if (t.BalanceBreaks > 0)
        {
            problems.Add($"{Plural(t.BalanceBreaks, "account")} with a BALANCE_BREAK");
        }
        return $"exit 1: {string.Join(", ", problems)} — see inventory.csv and discrepancies.csv";
    }

    private static string Title(RunSummary s)
    {
        string scope = s.Scope.Bank is null && s.Scope.Type is null ? "all banks and types" : s.Scope.ToString();
        string stored = s.Committed ? "committed" : "already committed with the same inputs: nothing new stored";
        return $"reconcile run {s.BusinessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({scope}): run {s.RunId} {stored}, {s.ElapsedMs.ToString("N0", CultureInfo.InvariantCulture)} ms";
    }

    private static string[] Cells(PartitionSummary p) =>
    [
        p.Bank?.ToString() ?? "TOTAL",
        p.Type?.ToString() ?? "",
        N(p.Accounts),
        N(p.BankLines),
        p.AutoMatchRate is { } rate ? (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—",
        N(p.DiscrepancyTotal),
        N(p.InTransit),
        N(p.UnbalancedAccounts),
        N(p.MissingStatements),
    ];

    private static string Style(string cell, int column, PartitionSummary p, bool total)
    {
        string text = Markup.Escape(cell);
        bool alarm = (column == 7 && p.UnbalancedAccounts > 0) || (column == 8 && p.MissingStatements > 0);
        if (alarm)
        {
            text = $"[red]{text}[/]";
        }
        else if (column == 5 && p.DiscrepancyTotal > 0)
        {
            text = $"[yellow]{text}[/]";
        }
        return total ? $"[bold]{text}[/]" : text;
    }

    private static void WritePlainTable(TextWriter w, IReadOnlyList<string[]> rows)
    {
        var all = rows.Prepend(Headers).ToList();
        int[] widths = Enumerable.Range(0, Headers.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (string[] row in all)
        {
            w.WriteLine(string.Join("  ", row.Select((cell, i) => i < 2 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Plural(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}
