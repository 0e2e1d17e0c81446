using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using NodaTime.Text;
using Reconcile.Application;
using Reconcile.Core.Model;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;
using Spectre.Console;

namespace Reconcile.Cli.Commands;

public sealed partial class DiscrepanciesCommand
{
    /// <summary>The columns of <c>list --format csv</c> (and the keys of <c>--format json</c>), in order.</summary>
    public static readonly string[] ListColumns = CaseListCsv.Columns;

    /// <summary>Rows a table shows unless <c>--limit</c> says otherwise (csv and json list everything).</summary>
    public const int DefaultTableLimit = 200;

    public async Task<int> ListAsync(CommandLine cmd, CancellationToken ct = default)
    {
        var filter = new CaseFilter(Query(cmd), cmd.Optional("assignee"), cmd.Optional("search"));
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

        List<CaseSummary> rows;
        await using (IStoreSession session = await _ctx.OpenExistingStoreAsync(storeOption, ct).ConfigureAwait(false))
        {
            rows = await CaseQueries.ListAsync(session.Store, filter, ct).ConfigureAwait(false);
        }
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
            "superseded" => CaseStatusFilter.Superseded,
            "all" => CaseStatusFilter.All,
            string other => throw new UsageException($"option --status: '{other}' is not one of open, resolved, superseded, all"),
        };
        int? minAge = cmd.Optional("min-age") is { } a
            ? int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out int days) ? days : throw new UsageException($"option --min-age: '{a}' is not a whole number of days")
            : null;
        Money? minAmount = cmd.Optional("min-amount") is { } m
            ? Money.TryParseYuan(m, out Money amount) && !amount.IsNegative ? amount : throw new UsageException($"option --min-amount: '{m}' is not an amount in yuan (e.g. 1000.00)")
            : null;
        return new CaseQuery(status, cmd.OptionalEnum<Bank>("bank"), cmd.OptionalEnum<EscrowType>("type"), cmd.OptionalEnum<Category>("category"), minAge, minAmount);
    }

    /// <summary>The larger of the two sides (see <see cref="CaseQueries.MaxAmount"/>).</summary>
    public static Money MaxAmount(CaseSummary s) => CaseQueries.MaxAmount(s);

    /// <summary>See <see cref="CaseQueries.Severity"/>.</summary>
    public static decimal Severity(CaseSummary s) => CaseQueries.Severity(s);

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

    private static void WriteCsv(TextWriter output, IReadOnlyList<CaseSummary> rows) => CaseListCsv.Write(output, rows);

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
