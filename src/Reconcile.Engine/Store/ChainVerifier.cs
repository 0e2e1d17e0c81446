namespace Reconcile.Engine.Store;

/// <summary>
/// Walks the journal as stored (not through the actor): every record must parse, carry its own sequence number,
/// name the previous record's hash, and hash to the value it holds. Reports the first record that does not fit.
/// </summary>
public static class ChainVerifier
{
    /// <summary>The last record of the journal as a published anchor (null: the journal is empty).</summary>
    public static ChainHead? Head(StoreDatabase db)
    {
        long highest = JournalReader.Highest(db);
        if (highest == 0)
        {
            return null;
        }
        JournalRow row = JournalReader.Read(db, highest - 1).First();
        return new ChainHead(row.SequenceNr, ChainRecord.Parse(row.Message).HashHex);
    }

    /// <param name="onRecord">Called with each intact record's sequence number and hash (for checking published heads).</param>
    public static ChainReport Verify(StoreDatabase db, CancellationToken ct = default, Action<long, string>? onRecord = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        byte[] previous = ChainRecord.GenesisHash;
        long expected = 1;
        long checkedCount = 0;
        foreach (JournalRow row in JournalReader.Read(db))
        {
            ct.ThrowIfCancellationRequested();
            ChainRecord record;
            try
            {
                record = ChainRecord.Parse(row.Message);
            }
            catch (FormatException e)
            {
                return Bad(checkedCount, ChainRecord.Describe(row.SequenceNr, null, null), $"the record cannot be read: {e.Message}");
            }
            string name = ChainRecord.Describe(row.SequenceNr, record.Kind, record.Id);
            if (row.SequenceNr != expected)
            {
                return Bad(checkedCount, name, $"sequence number {row.SequenceNr} where {expected} was expected (a record is missing)");
            }
            if (record.SequenceNr != row.SequenceNr)
            {
                return Bad(checkedCount, name, $"the record says it is #{record.SequenceNr} but is stored as #{row.SequenceNr}");
            }
            if (!record.PreviousHash.AsSpan().SequenceEqual(previous))
            {
                return Bad(checkedCount, name, "it does not name the previous record's hash (the chain is broken before it)");
            }
            if (!record.HashMatches())
            {
                return Bad(checkedCount, name, "its content does not match its hash (it was changed after it was written)");
            }
            previous = record.Hash;
            onRecord?.Invoke(record.SequenceNr, record.HashHex);
            expected++;
            checkedCount++;
        }
        return new ChainReport(true, checkedCount, null, null);
    }

    private static ChainReport Bad(long checkedCount, string record, string problem) => new(false, checkedCount, record, problem);
}

/// <summary>A record of the chain as published in a manifest: its sequence number and hash (hex, lower case).</summary>
public sealed record ChainHead(long SequenceNr, string Hash);
