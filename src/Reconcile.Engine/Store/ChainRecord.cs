using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Reconcile.Engine.Store;

/// <summary>
/// The bytes of one journal record, written by the store itself so that Akka only ever stores a byte array:
/// <code>
/// "RCS1" | kind (1) | sequence nr (8, big-endian) | id length (2) | id (UTF-8: run id or case id)
///        | codec (1: 0 = raw JSON, 1 = Brotli) | previous hash (32) | hash (32) | body
/// </code>
/// <c>hash</c> = SHA-256 over every other byte of the record, the previous record's hash included, so each record
/// seals the one before it (a hash chain).
/// </summary>
public sealed class ChainRecord
{
    public const int HashLength = 32;
    private const int CompressAbove = 4096;
    private static readonly byte[] Magic = "RCS1"u8.ToArray();

    private ChainRecord(StoreEventKind kind, long sequenceNr, string id, byte codec, byte[] previousHash, byte[] hash, ReadOnlyMemory<byte> body, byte[] bytes)
    {
        Kind = kind;
        SequenceNr = sequenceNr;
        Id = id;
        Codec = codec;
        PreviousHash = previousHash;
        Hash = hash;
        Body = body;
        Bytes = bytes;
    }

    public static byte[] GenesisHash { get; } = new byte[HashLength];

    public StoreEventKind Kind { get; }
    public long SequenceNr { get; }

    /// <summary>The run id (RunCommitted) or case id (CaseEventRecorded).</summary>
    public string Id { get; }

    public byte Codec { get; }
    public byte[] PreviousHash { get; }
    public byte[] Hash { get; }

    /// <summary>The stored body (compressed when <see cref="Codec"/> is 1).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The whole record as stored.</summary>
    public byte[] Bytes { get; }

    public string HashHex => Convert.ToHexString(Hash).ToLowerInvariant();

    /// <summary>Names the record in messages: "#12 RunCommitted run R-2024…".</summary>
    public string Describe() => Describe(SequenceNr, Kind, Id);

    public static string Describe(long sequenceNr, StoreEventKind? kind, string? id) => kind switch
    {
        StoreEventKind.RunCommitted => $"#{sequenceNr} RunCommitted run {id}",
        StoreEventKind.CaseEventRecorded => $"#{sequenceNr} CaseEventRecorded case {id}",
        StoreEventKind.AccessChanged => $"#{sequenceNr} AccessChanged {id}",
        _ => $"#{sequenceNr} (unreadable record)",
    };

    public static ChainRecord Create(StoreEventKind kind, long sequenceNr, string id, ReadOnlySpan<byte> json, byte[] previousHash)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (previousHash.Length != HashLength)
        {
            throw new ArgumentException("previous hash must be 32 bytes", nameof(previousHash));
        }
        byte codec = 0;
        ReadOnlySpan<byte> body = json;
        byte[]? compressed = null;
        if (json.Length > CompressAbove)
        {
            compressed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
            if (!BrotliEncoder.TryCompress(json, compressed, out int written, quality: 1, window: 22))
            {
                throw new InvalidOperationException("Brotli compression failed");
            }
            codec = 1;
            body = compressed.AsSpan(0, written);
        }
        byte[] idBytes = Encoding.UTF8.GetBytes(id);
        if (idBytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException("id too long", nameof(id));
        }
        int headerLength = Magic.Length + 1 + 8 + 2 + idBytes.Length + 1;
        byte[] bytes = new byte[headerLength + HashLength + HashLength + body.Length];
        var span = bytes.AsSpan();
        int pos = 0;
        Magic.CopyTo(span);
        pos += Magic.Length;
        span[pos++] = (byte)kind;
        BinaryPrimitives.WriteInt64BigEndian(span[pos..], sequenceNr);
        pos += 8;
        BinaryPrimitives.WriteUInt16BigEndian(span[pos..], (ushort)idBytes.Length);
        pos += 2;
        idBytes.CopyTo(span[pos..]);
        pos += idBytes.Length;
        span[pos++] = codec;
        previousHash.CopyTo(span[pos..]);
        int hashPos = pos + HashLength;
        body.CopyTo(span[(hashPos + HashLength)..]);
        byte[] hash = ComputeHash(bytes, hashPos);
        hash.CopyTo(span[hashPos..]);
        return Parse(bytes);
    }

    /// <summary>Reads the header; throws <see cref="FormatException"/> when the bytes are not a record.</summary>
    public static ChainRecord Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var span = bytes.AsSpan();
        int minimum = Magic.Length + 1 + 8 + 2 + 1 + HashLength + HashLength;
        if (bytes.Length < minimum || !span[..Magic.Length].SequenceEqual(Magic))
        {
            throw new FormatException("not a store record (bad magic or too short)");
        }
        int pos = Magic.Length;
        byte kindByte = span[pos++];
        if (!Enum.IsDefined((StoreEventKind)kindByte))
        {
            throw new FormatException($"unknown record kind {kindByte}");
        }
        long seq = BinaryPrimitives.ReadInt64BigEndian(span[pos..]);
        pos += 8;
        int idLength = BinaryPrimitives.ReadUInt16BigEndian(span[pos..]);
        pos += 2;
        if (bytes.Length < minimum + idLength)
        {
            throw new FormatException("record too short for its id");
        }
        string id = Encoding.UTF8.GetString(span.Slice(pos, idLength));
        pos += idLength;
        byte codec = span[pos++];
        if (codec > 1)
        {
            throw new FormatException($"unknown codec {codec}");
        }
        byte[] prev = span.Slice(pos, HashLength).ToArray();
        pos += HashLength;
        byte[] hash = span.Slice(pos, HashLength).ToArray();
        pos += HashLength;
        return new ChainRecord((StoreEventKind)kindByte, seq, id, codec, prev, hash, bytes.AsMemory(pos), bytes);
    }

    /// <summary>True when the stored hash is the hash of the record's other bytes.</summary>
    public bool HashMatches()
    {
        int hashPos = Bytes.Length - Body.Length - HashLength;
        return CryptographicOperations.FixedTimeEquals(ComputeHash(Bytes, hashPos), Hash);
    }

    /// <summary>The body as JSON (decompressed).</summary>
    public byte[] Json()
    {
        if (Codec == 0)
        {
            return Body.ToArray();
        }
        using var input = new MemoryStream(Body.ToArray(), writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(Body.Length * 6);
        brotli.CopyTo(output);
        return output.ToArray();
    }

    public T Decode<T>() => StoreJson.FromUtf8<T>(Json());

    private static byte[] ComputeHash(byte[] bytes, int hashPos)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(bytes, 0, hashPos);
        sha.AppendData(bytes, hashPos + HashLength, bytes.Length - hashPos - HashLength);
        return sha.GetHashAndReset();
    }
}
