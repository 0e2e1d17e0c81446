using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Store;

/// <summary>
/// The store's own serialization of the domain records (System.Text.Json): Money as integer fen, NodaTime values
/// as ISO text, enums by name, computed properties left out. Deterministic: properties in declaration order,
/// collections in their order, no indentation. Akka's serializers only ever see the resulting byte arrays.
/// </summary>
public static class StoreJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static byte[] ToUtf8<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>
    /// A run's record: the results are serialized in parallel (each on its own, so the bytes do not depend on the
    /// thread order) and written in their order; same JSON as serializing the record in one go.
    /// </summary>
    public static byte[] ToUtf8(RunCommitted ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        byte[][] results = ev.Results.AsParallel().AsOrdered().Select(r => ToUtf8(r)).ToArray();
        using var buffer = new MemoryStream(results.Sum(r => r.Length + 1) + 4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WritePropertyName(nameof(RunCommitted.Run));
            JsonSerializer.Serialize(w, ev.Run, Options);
            w.WritePropertyName(nameof(RunCommitted.Results));
            w.WriteStartArray();
            foreach (byte[] r in results)
            {
                w.WriteRawValue(r, skipInputValidation: true);
            }
            w.WriteEndArray();
            w.WritePropertyName(nameof(RunCommitted.Cases));
            JsonSerializer.Serialize(w, ev.Cases, Options);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static T FromUtf8<T>(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new JsonException($"null where a {typeof(T).Name} was expected");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropComputedProperties } },
        };
        options.Converters.Add(new MoneyConverter());
        options.Converters.Add(new LocalDateConverter());
        options.Converters.Add(new LocalDateTimeConverter());
        options.Converters.Add(new InstantConverter());
        options.Converters.Add(new MatchedKeysConverter());
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: false);
        return options;
    }

    /// <summary>Get-only properties that no constructor parameter sets (Signed, MaxAmount, ...) are derived: not stored.</summary>
    private static void DropComputedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        for (int i = info.Properties.Count - 1; i >= 0; i--)
        {
            JsonPropertyInfo p = info.Properties[i];
            if (p.Set is null && p.AssociatedParameter is null)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Money.FromFen(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.Fen);
    }

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDatePattern.Iso.Parse(reader.GetString()!).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }

    private sealed class LocalDateTimeConverter : JsonConverter<LocalDateTime>
    {
        public override LocalDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDateTimePattern.ExtendedIso.Parse(reader.GetString()!).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, LocalDateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDateTimePattern.ExtendedIso.Format(value));
    }

    /// <summary>A day's matched-key hashes as one base64 string of 8 little-endian bytes per hash (11 characters a hash, not ~21).</summary>
    private sealed class MatchedKeysConverter : JsonConverter<MatchedKeys>
    {
        public override MatchedKeys Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            MatchedKeys.FromBytes(reader.GetBytesFromBase64());

        public override void Write(Utf8JsonWriter writer, MatchedKeys value, JsonSerializerOptions options) =>
            writer.WriteBase64StringValue(value.ToBytes());
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString()!).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
