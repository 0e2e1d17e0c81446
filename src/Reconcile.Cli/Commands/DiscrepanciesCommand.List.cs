using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;
using Spectre.Console;

namespace Reconcile.Cli.Commands;

public sealed partial class DiscrepanciesCommand
{
    /// <summary>The columns of <c>list --format csv</c> (and the keys of <c>--format json</c>), in order.</summary>
    public static readonly string[] ListColumns =
    [
        "discrepancy_id", "bank", "escrow_type", "escrow_account_no", "category", "direction", "bank_amount",
        "ledger_amount", "bank_serial", "ledger_entry_id", "first_seen", "last_seen", "age_days", "status", "assignee",
        "detail",
    ];

    /// <summary>Rows a table shows unless <c>--limit</c> says otherwise (csv and json list everything).</summary>
    public const int DefaultTableLimit = 200;

    public async Task<int> ListAsync(CommandLine cmd, CancellationToken ct = default)
    {
        CaseQuery query = Query(cmd);
        string format = (cmd.Optional("format") ?? "table").ToLowerInvariant();
        if (format is not ("table" or "csv" or "json"))
        {
            throw new UsageException($"option --format: '{format}' is not one of table, csv, json");
        }
        int? limit = cmd.Optional("limit") is { } l
            ? int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw new UsageException($"option --limit: '{l}' is not a whole number (0 = no limit)")
            : null;
        string? storeOption = cmd.Optional("store");
        cmd.EnsureAllUsed();

        IReadOnlyList<CaseSummary> found;
        await using (IStoreSession session = await _ctx.OpenStore(storeOption, _ctx.Clock, ct).ConfigureAwait(false))
        {
            found = await session.Store.ListCasesAsync(query, ct).ConfigureAwait(false);
        }
        List<CaseSummary> rows = BySeverity(found.Where(s => Matches(query, s)));
        int shown = format == "table" ? (limit ?? DefaultTableLimit) : (limit ?? 0);
        IReadOnlyList<CaseSummary> page = shown > 0 && rows.Count > shown ? rows.GetRange(0, shown) : rows;
        switch (format)
        {
            case "csv":
                WriteCsv(_ctx.Out, page);
                break;
            case "json":
                WriteJson(_ctx.Out, page);
                break;
            default:
                _ctx.Console.Write(Table(page));
                string more = page.Count < rows.Count ? $", the {page.Count} most severe shown (--limit 0 shows all, --format csv for scripts)" : "";
                _ctx.Console.WriteLine($"{rows.Count} case(s){more}", Style.Plain);
                break;
        }
        return ExitCodes.Ok;
    }

    /// <summary>The query of the filter options (validated: unknown values are usage errors).</summary>
    private static CaseQuery Query(CommandLine cmd)
    {
        CaseStatusFilter status = (cmd.Optional("status") ?? "open").ToLowerInvariant() switch
        {
            "open" => CaseStatusFilter.Open,
            "resolved" => CaseStatusFilter.Resolved,
            "all" => CaseStatusFilter.All,
            string other => throw new UsageException($"option --status: '{other}' is not one of open, resolved, all"),
        };
        int? minAge = cmd.Optional("min-age") is { } a
            ? int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out int days) ? days : throw new UsageException($"option --min-age: '{a}' is not a whole number of days")
            : null;
        Money? minAmount = cmd.Optional("min-amount") is { } m
            ? Money.TryParseYuan(m, out Money amount) && !amount.IsNegative ? amount : throw new UsageException($"option --min-amount: '{m}' is not an amount in yuan (e.g. 1000.00)")
            : null;
        return new CaseQuery(status, cmd.OptionalEnum<Bank>("bank"), cmd.OptionalEnum<EscrowType>("type"), cmd.OptionalEnum<Category>("category"), minAge, minAmount);
    }

    /// <summary>
    /// Whether a case passes the query's filters. The store filters too (in its read model); applying the same
    /// filters here keeps their meaning in one readable place: --min-amount compares the larger side, --min-age the age in days.
    /// </summary>
    public static bool Matches(CaseQuery query, CaseSummary s)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(s);
        bool open = s.Status is Core.Cases.CaseStatus.OPEN or Core.Cases.CaseStatus.PENDING_APPROVAL;
        return (query.Status == CaseStatusFilter.All || (query.Status == CaseStatusFilter.Open) == open)
            && (query.Bank is null || query.Bank == s.Bank)
            && (query.Type is null || query.Type == s.Type)
            && (query.Category is null || query.Category == s.Category)
            && (query.MinAgeDays is null || s.AgeDays >= query.MinAgeDays)
            && (query.MinAmount is null || MaxAmount(s) >= query.MinAmount.Value);
    }

    /// <summary>The larger of the two sides (what --min-amount, severity and maker-checker look at).</summary>
    public static Money MaxAmount(CaseSummary s) => Money.Max(s.BankAmount ?? Money.Zero, s.LedgerAmount ?? Money.Zero);

    /// <summary>
    /// Severity = amount (the larger side, in fen) × (age in days + 1), so a finding raised today still ranks by its amount.
    /// </summary>
    public static decimal Severity(CaseSummary s) => (decimal)MaxAmount(s).Fen * (s.AgeDays + 1);

    /// <summary>Most severe first; ties by case id (ordinal).</summary>
    public static List<CaseSummary> BySeverity(IEnumerable<CaseSummary> cases) => cases
        .Select(c => (Case: c, Severity: Severity(c)))
        .OrderByDescending(x => x.Severity)
        .ThenBy(x => x.Case.CaseId, StringComparer.Ordinal)
        .Select(x => x.Case)
        .ToList();

    private static Table Table(IReadOnlyList<CaseSummary> rows)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("id");
        table.AddColumn("bank");
        table.AddColumn("type");
        table.AddColumn("account");
        table.AddColumn("category");
        table.AddColumn(new TableColumn("bank amount").RightAligned());
        table.AddColumn(new TableColumn("ledger amount").RightAligned());
        table.AddColumn(new TableColumn("age").RightAligned());
        table.AddColumn("status");
        table.AddColumn("assignee");
        foreach (CaseSummary s in rows)
        {
            table.AddRow(
                new Text(s.CaseId),
                new Text(s.Bank.ToString()),
                new Text(s.Type.ToString()),
                new Text(s.AccountNo),
                new Text(s.Category.ToString()),
                new Text(s.BankAmount?.ToString() ?? ""),
                new Text(s.LedgerAmount?.ToString() ?? ""),
                new Text(s.AgeDays.ToString(CultureInfo.InvariantCulture)),
                new Text(s.Status.ToString()),
                new Text(s.Assignee ?? ""));
        }
        return table;
    }

    private static void WriteCsv(TextWriter output, IReadOnlyList<CaseSummary> rows)
    {
        using CsvWriter w = CsvWriter.Create(output, OutputCsv.Options, leaveOpen: true);
        w.WriteHeader(ListColumns);
        foreach (CaseSummary s in rows)
        {
            w.Text(s.CaseId);
            w.Text(s.Bank.ToString());
            w.Text(s.Type.ToString());
            w.Text(s.AccountNo);
            w.Text(s.Category.ToString());
            w.Text(s.Direction?.ToString());
            w.Amount(s.BankAmount);
            w.Amount(s.LedgerAmount);
            w.Text(s.BankSerial);
            w.Text(string.Join(';', s.LedgerEntryIds));
            w.Date(s.FirstSeen);
            w.Date(s.LastSeen);
            w.Number(s.AgeDays);
            w.Text(s.Status.ToString());
            w.Text(s.Assignee);
            w.Text(s.Detail);
            w.EndRecord();
        }
        w.Flush();
    }

    private static readonly JsonWriterOptions s_json = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON array of objects keyed as <see cref="ListColumns"/>; amounts are numbers with two decimals.</summary>
    private static void WriteJson(TextWriter output, IReadOnlyList<CaseSummary> rows)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_json))
        {
            w.WriteStartArray();
            foreach (CaseSummary s in rows)
            {
                w.WriteStartObject();
                w.WriteString("discrepancy_id", s.CaseId);
                w.WriteString("bank", s.Bank.ToString());
                w.WriteString("escrow_type", s.Type.ToString());
                w.WriteString("escrow_account_no", s.AccountNo);
                w.WriteString("category", s.Category.ToString());
                WriteNullable(w, "direction", s.Direction?.ToString());
                WriteAmount(w, "bank_amount", s.BankAmount);
                WriteAmount(w, "ledger_amount", s.LedgerAmount);
                WriteNullable(w, "bank_serial", s.BankSerial);
                w.WriteStartArray("ledger_entry_id");
                foreach (string entryId in s.LedgerEntryIds)
                {
                    w.WriteStringValue(entryId);
                }
                w.WriteEndArray();
                w.WriteString("first_seen", LocalDatePattern.Iso.Format(s.FirstSeen));
                w.WriteString("last_seen", LocalDatePattern.Iso.Format(s.LastSeen));
                w.WriteNumber("age_days", s.AgeDays);
                w.WriteString("status", s.Status.ToString());
                WriteNullable(w, "assignee", s.Assignee);
                w.WriteString("detail", s.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.WriteLine();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteAmount(Utf8JsonWriter w, string name, Money? value)
    {
        w.WritePropertyName(name);
        if (value is { } m)
        {
            w.WriteRawValue(m.ToString(), skipInputValidation: true);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
