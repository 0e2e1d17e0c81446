using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Engine.Outputs;

/// <summary>Writes summary.json (UTF-8 without BOM, indented, snake_case keys in a fixed order).</summary>
public static class SummaryJson
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string path, RunSummary summary)
    {
        using FileStream stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, WriterOptions);
        w.WriteStartObject();
        w.WriteString("business_date", LocalDatePattern.Iso.Format(summary.BusinessDate));
        w.WriteString("run_id", summary.RunId);
        w.WriteBoolean("committed", summary.Committed);
        w.WriteStartObject("scope");
        WriteNullable(w, "bank", summary.Scope.Bank?.ToString());
        WriteNullable(w, "escrow_type", summary.Scope.Type?.ToString());
        w.WriteEndObject();
        w.WriteNumber("timing_window_days", summary.TimingWindowDays);
        w.WriteString("status", summary.AllBalanced ? "BALANCED" : "FINDINGS");
        w.WriteNumber("exit_code", summary.AllBalanced ? 0 : 1);
        w.WriteStartArray("partitions");
        foreach (PartitionSummary p in summary.Partitions)
        {
            WritePartition(w, p);
        }
        w.WriteEndArray();
        w.WritePropertyName("totals");
        WritePartition(w, summary.Totals);
        w.WriteNumber("elapsed_ms", summary.ElapsedMs);
        w.WriteStartObject("phases_ms");
        w.WriteNumber("read", summary.Phases.Read);
        w.WriteNumber("match", summary.Phases.Match);
        w.WriteNumber("proof", summary.Phases.Proof);
        w.WriteNumber("store", summary.Phases.Store);
        w.WriteNumber("write", summary.Phases.Write);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads back the partitions of a summary.json this engine wrote (its "partitions" array).</summary>
    /// <exception cref="FormatException">The file is not such a summary.</exception>
    public static IReadOnlyList<PartitionSummary> ReadPartitions(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using JsonDocument doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.GetProperty("partitions").EnumerateArray().Select(p =>
            {
                JsonElement byCategory = p.GetProperty("discrepancies");
                var discrepancies = Enum.GetValues<Category>().ToDictionary(
                    c => c,
                    c => byCategory.TryGetProperty(c.ToString(), out JsonElement n) ? n.GetInt32() : 0);
                return new PartitionSummary(
                    Enum.Parse<Bank>(p.GetProperty("bank").GetString()!),
                    Enum.Parse<EscrowType>(p.GetProperty("escrow_type").GetString()!),
                    p.GetProperty("accounts").GetInt32(),
                    p.GetProperty("bank_lines").GetInt64(),
                    p.GetProperty("ledger_entries").GetInt64(),
                    p.GetProperty("matched").GetInt64(),
                    p.GetProperty("pairs").GetInt64(),
                    discrepancies,
                    p.GetProperty("in_transit").GetInt32(),
                    p.GetProperty("unbalanced_accounts").GetInt32(),
                    p.GetProperty("missing_statements").GetInt32(),
                    p.GetProperty("balance_breaks").GetInt32());
            }).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static void WritePartition(Utf8JsonWriter w, PartitionSummary p)
    {
        w.WriteStartObject();
        if (p.Bank is { } bank)
        {
            w.WriteString("bank", bank.ToString());
        }
        if (p.Type is { } type)
        {
            w.WriteString("escrow_type", type.ToString());
        }
        w.WriteNumber("accounts", p.Accounts);
        w.WriteNumber("bank_lines", p.BankLines);
        w.WriteNumber("ledger_entries", p.LedgerEntries);
        w.WriteNumber("matched", p.MatchedBankLines);
        if (p.AutoMatchRate is { } rate)
        {
            w.WriteNumber("auto_match_rate", Math.Round(rate, 4));
        }
        else
        {
            w.WriteNull("auto_match_rate");
        }
        w.WriteNumber("pairs", p.Pairs);
        w.WriteStartObject("discrepancies");
        foreach (Category c in Enum.GetValues<Category>())
        {
            w.WriteNumber(c.ToString(), p.Discrepancies.TryGetValue(c, out int n) ? n : 0);
        }
        w.WriteEndObject();
        w.WriteNumber("discrepancies_total", p.DiscrepancyTotal);
        w.WriteNumber("in_transit", p.InTransit);
        w.WriteNumber("unbalanced_accounts", p.UnbalancedAccounts);
        w.WriteNumber("missing_statements", p.MissingStatements);
        w.WriteNumber("balance_breaks", p.BalanceBreaks);
        w.WriteEndObject();
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
}
