using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Reconcile.Engine.Store;

namespace Reconcile.Application.Export;

/// <summary>An exported file with its SHA-256 (hex, lower case) and data row count.</summary>
public sealed record ExportedFile(string Name, string Sha256, long Rows)
{
    public static ExportedFile Of(string path, long rows)
    {
        using FileStream s = File.OpenRead(path);
        return new ExportedFile(Path.GetFileName(path), Convert.ToHexString(SHA256.HashData(s)).ToLowerInvariant(), rows);
    }
}

/// <summary>
/// manifest.json beside an export: the period, the store, every exported file with its SHA-256 and row count, the
/// counts of the content (the same for CSV and XLSX: inventory rows, cases, open at the end, history events), every
/// run that produced the rows with its input files' SHA-256, and the days of the period without a run. It holds no time of
/// export, so the same period exported twice gives the same manifest.
/// </summary>
public static class ExportManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonWriterOptions s_options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs by (business_date, run_id).</summary>
    public static IEnumerable<RunRecord> Ordered(IEnumerable<RunRecord> runs) => runs
        .OrderBy(r => r.BusinessDate)
        .ThenBy(r => r.RunId, StringComparer.Ordinal);

    public static void Write(
        string path,
        string export,
        string format,
        string store,
        IReadOnlyList<ExportedFile> files,
        InventoryPeriod period,
        ChainHead? head = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        LocalDate from = period.From;
        LocalDate to = period.To;
        IReadOnlyList<RunRecord> runs = period.Runs;
        IReadOnlyList<LocalDate> gaps = period.Gaps;
        using FileStream stream = File.Create(path);
        using (var w = new Utf8JsonWriter(stream, s_options))
        {
            w.WriteStartObject();
            w.WriteString("export", export);
            w.WriteString("from", Iso(from));
            w.WriteString("to", Iso(to));
            w.WriteString("format", format);
            w.WriteString("store", store);
            if (head is not null)
            {
                // The store's chain as it stood when this was written: `audit verify --anchors` checks it is still there.
                w.WriteStartObject("audit_chain_head");
                w.WriteNumber("sequence_nr", head.SequenceNr);
                w.WriteString("hash", head.Hash);
                w.WriteEndObject();
            }
            w.WriteStartArray("files");
            foreach (ExportedFile f in files)
            {
                w.WriteStartObject();
                w.WriteString("file", f.Name);
                w.WriteString("sha256", f.Sha256);
                w.WriteNumber("rows", f.Rows);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("counts");
            w.WriteNumber("inventory_rows", period.Rows.Count);
            w.WriteNumber("cases", period.Cases.Count);
            w.WriteNumber("open_discrepancies_at_end", period.OpenAtEnd);
            w.WriteNumber("history_events", period.HistoryEvents);
            w.WriteEndObject();
            w.WriteNumber("open_discrepancies_at_end", period.OpenAtEnd);
            w.WriteStartArray("days_without_run");
            foreach (LocalDate day in gaps.Order())
            {
                w.WriteStringValue(Iso(day));
            }
            w.WriteEndArray();
            w.WriteStartArray("runs");
            foreach (RunRecord run in Ordered(runs))
            {
                w.WriteStartObject();
                w.WriteString("run_id", run.RunId);
                w.WriteString("business_date", Iso(run.BusinessDate));
                w.WriteStartObject("scope");
                WriteNullable(w, "bank", run.Scope.Bank?.ToString());
                WriteNullable(w, "escrow_type", run.Scope.Type?.ToString());
                w.WriteEndObject();
                w.WriteString("engine_version", run.EngineVersion);
                w.WriteString("started_at", InstantPattern.ExtendedIso.Format(run.StartedAt));
                w.WriteString("finished_at", InstantPattern.ExtendedIso.Format(run.FinishedAt));
                w.WriteNumber("accounts", run.AccountNos.Count);
                if (run.Warning is { } warning)
                {
                    w.WriteString("warning", warning);
                }
                w.WriteString("inputs_hash", run.InputsHash);
                w.WriteStartArray("inputs");
                foreach (InputFile input in run.Inputs.OrderBy(i => i.Path, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    w.WriteString("path", input.Path);
                    w.WriteString("sha256", input.Sha256);
                    w.WriteNumber("rows", input.Rows);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
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

    private static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
