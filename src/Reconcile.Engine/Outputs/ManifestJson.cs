using System.Text.Json;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Outputs;

/// <summary>Writes manifest.json (UTF-8 without BOM, indented, snake_case keys in a fixed order) and reads it back.</summary>
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
        w.WriteNumber("retention_days", manifest.RetentionDays);
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
        if (manifest.Kept is { Count: > 0 } kept)
        {
            w.WriteStartArray("kept_partitions");
            foreach (KeptPartition k in kept)
            {
                w.WriteStartObject();
                w.WriteString("bank", k.Bank.ToString());
                w.WriteString("escrow_type", k.Type.ToString());
                w.WriteString("run_id", k.RunId);
                w.WriteString("inputs_hash", k.InputsHash);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
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

    /// <summary>Reads a manifest.json this engine wrote.</summary>
    /// <exception cref="FormatException">The file is not such a manifest (a missing or mistyped key).</exception>
    public static RunManifest Read(string path)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            JsonElement scope = root.GetProperty("scope");
            return new RunManifest(
                root.GetProperty("run_id").GetString()!,
                LocalDatePattern.Iso.Parse(root.GetProperty("business_date").GetString()!).GetValueOrThrow(),
                new RunScope(OptionalEnum<Bank>(scope, "bank"), OptionalEnum<EscrowType>(scope, "escrow_type")),
                root.GetProperty("timing_window_days").GetInt32(),
                root.GetProperty("committed").GetBoolean(),
                root.GetProperty("inputs_hash").GetString()!,
                root.GetProperty("engine_version").GetString()!,
                root.GetProperty("store").GetString()!,
                root.GetProperty("inputs").EnumerateArray()
                    .Select(f => new InputFile(f.GetProperty("path").GetString()!, f.GetProperty("sha256").GetString()!, f.GetProperty("rows").GetInt64()))
                    .ToList(),
                root.GetProperty("outputs").EnumerateArray()
                    .Select(f => new OutputFile(
                        f.GetProperty("file").GetString()!,
                        f.GetProperty("sha256").GetString()!,
                        f.TryGetProperty("rows", out JsonElement rows) ? rows.GetInt64() : null))
                    .ToList(),
                Kept: root.TryGetProperty("kept_partitions", out JsonElement kept)
                    ? kept.EnumerateArray()
                        .Select(k => new KeptPartition(
                            Enum.Parse<Bank>(k.GetProperty("bank").GetString()!),
                            Enum.Parse<EscrowType>(k.GetProperty("escrow_type").GetString()!),
                            k.GetProperty("run_id").GetString()!,
                            k.GetProperty("inputs_hash").GetString()!))
                        .ToList()
                    : [],
                RetentionDays: root.TryGetProperty("retention_days", out JsonElement retention) ? retention.GetInt32() : Core.Reconciliation.ReconcileOptions.DefaultRetentionDays);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or UnparsableValueException)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static T? OptionalEnum<T>(JsonElement scope, string name)
        where T : struct, Enum =>
        scope.GetProperty(name).ValueKind == JsonValueKind.Null ? null : Enum.Parse<T>(scope.GetProperty(name).GetString()!);
}
