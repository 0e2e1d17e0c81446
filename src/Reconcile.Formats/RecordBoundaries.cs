using System.Buffers;

namespace Reconcile.Formats;

/// <summary>
/// Where records of an RFC 4180 file start: a record boundary is the byte after a line feed that is outside quotes
/// (an even number of quote characters before it). Found in one forward pass that counts quotes and line feeds with
/// vector instructions, so a large file can be cut into ranges of whole records and parsed in parallel. Valid for
/// UTF-8 and GB18030, where the bytes of '"' and '\n' never occur inside a multi-byte character.
/// </summary>
internal static class RecordBoundaries
{
    private const int BlockSize = 1 << 20;

    /// <summary>A record boundary: its byte offset and the 1-based physical line that starts there.</summary>
    public readonly record struct Boundary(long Offset, int Line);

    /// <summary>
    /// The data start — the first boundary after the record that starts on physical line <paramref name="headerLine"/>
    /// (the end of the file when nothing follows it) — then, for each of <paramref name="parts"/> − 1 evenly spaced
    /// offsets after it, the first boundary at or after that offset that is not already in the list and not the end of
    /// the file. The ranges between consecutive boundaries (and from the last one to the end) hold whole records.
    /// </summary>
    public static IReadOnlyList<Boundary> Find(string path, int headerLine, int parts)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long length = RandomAccess.GetLength(handle);
        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        var found = new List<Boundary>();
        try
        {
            long position = 0;   // of the first byte of the next block
            int line = 1;        // physical line of the next byte looked at
            bool quoted = false; // inside quotes at that byte
            long target = 0;     // while counting: the offset to count up to, then seek the next boundary from
            int nextPart = 1;
            bool seeking = true; // looking at each byte for a boundary (first for the data start)
            while (position < length)
            {
                int read = RandomAccess.Read(handle, block.AsSpan(0, (int)Math.Min(BlockSize, length - position)), position);
                if (read == 0)
                {
                    break;
                }
                long blockStart = position;
                position += read;
                ReadOnlySpan<byte> bytes = block.AsSpan(0, read);
                int i = 0;
                while (i < bytes.Length)
                {
                    if (!seeking)
                    {
                        // Count in bulk up to the target or the end of the block.
                        int stop = (int)Math.Min(bytes.Length, target - blockStart);
                        ReadOnlySpan<byte> run = bytes[i..stop];
                        quoted ^= (run.Count((byte)'"') & 1) == 1;
                        line += run.Count((byte)'\n');
                        i = stop;
                        seeking = i < bytes.Length || stop == target - blockStart;
                        continue;
                    }
                    byte b = bytes[i++];
                    if (b == (byte)'"')
                    {
                        quoted = !quoted;
                        continue;
                    }
                    if (b != (byte)'\n')
                    {
                        continue;
                    }
                    line++;
                    if (quoted || (found.Count == 0 && line <= headerLine))
                    {
                        continue;
                    }
                    long offset = blockStart + i;
                    if (found.Count == 0 || offset < length)
                    {
                        found.Add(new Boundary(offset, line));
                    }
                    long dataStart = found[0].Offset;
                    do
                    {
                        if (nextPart >= parts || offset >= length)
                        {
                            return found;
                        }
                        target = dataStart + (length - dataStart) * nextPart / parts;
                        nextPart++;
                    }
                    while (target <= offset);
                    seeking = false;
                }
            }
            if (found.Count == 0)
            {
                found.Add(new Boundary(length, line)); // the header is the last line and has no line feed
            }
            return found;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
