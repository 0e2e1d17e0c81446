using System.Text.Json;
using NodaTime.Text;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Outputs;

/// <summary>Writes manifest.json (UTF-8 without BOM, indented, snake_case keys in a fixed order).</summary>
public static class ManifestJson
{
    public static void Write(string path, RunManifest manifest)
    {
        using FileStream stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, SummaryJson.WriterOptions);
        w.WriteStartObject();
        w.WriteString("run_id", manifest.RunId);
        w.WriteString("business_date", LocalDatePattern.Iso.Format(manifest.BusinessDate));
        w.WriteStartObject("scope");
        if (manifest.Scope.Bank is { } bank)
        {
            w.WriteString("bank", bank.ToString());
        }
        else
        {
            w.WriteNull("bank");
        }
        if (manifest.Scope.Type is { } type)
        {
            w.WriteString("escrow_type", type.ToString());
        }
        else
        {
            w.WriteNull("escrow_type");
        }
        w.WriteEndObject();
        w.WriteNumber("timing_window_days", manifest.TimingWindowDays);
        w.WriteBoolean("committed", manifest.Committed);
        w.WriteString("engine_version", manifest.EngineVersion);
        w.WriteString("store", manifest.Store);
        if (manifest.AuditChainHead is { } head)
        {
            w.WriteStartObject("audit_chain_head");
            w.WriteNumber("sequence_nr", head.SequenceNr);
            w.WriteString("hash", head.Hash);
            w.WriteEndObject();
        }
        w.WriteString("inputs_hash", manifest.InputsHash);
        w.WriteStartArray("inputs");
        foreach (InputFile f in manifest.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteString("sha256", f.Sha256);
            w.WriteNumber("rows", f.Rows);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("outputs");
        foreach (OutputFile f in manifest.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("file", f.Name);
            w.WriteString("sha256", f.Sha256);
            if (f.Rows is { } rows)
            {
                w.WriteNumber("rows", rows);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}
