using System.Data.Common;

namespace Reconcile.Engine.Store;

/// <summary>One row of Akka.Persistence.Sql's journal table as stored (the message column holds a <see cref="ChainRecord"/>).</summary>
public sealed record JournalRow(long SequenceNr, byte[] Message);

/// <summary>Reads the store's journal rows straight from the database, in sequence order, one row at a time.</summary>
public static class JournalReader
{
    public static IEnumerable<JournalRow> Read(StoreDatabase db, long afterSequenceNr = 0)
    {
        ArgumentNullException.ThrowIfNull(db);
        using DbConnection c = db.Open();
        foreach (JournalRow row in Read(db, c, null, afterSequenceNr))
        {
            yield return row;
        }
    }

    /// <summary>The same on an open connection (inside <paramref name="tx"/>, e.g. a snapshot the caller reads more from).</summary>
    public static IEnumerable<JournalRow> Read(StoreDatabase db, DbConnection c, DbTransaction? tx, long afterSequenceNr = 0)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
        if (!db.JournalExists(c, tx))
        {
            yield break;
        }
        using DbCommand cmd = StoreDatabase.Command(
            c, tx,
            $"SELECT sequence_number, message FROM {StoreDatabase.JournalTable} WHERE persistence_id = @pid AND sequence_number > @after ORDER BY sequence_number",
            ("@pid", StoreDatabase.PersistenceId), ("@after", afterSequenceNr));
        using DbDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return new JournalRow(ReadModel.Long(r, 0), r.IsDBNull(1) ? [] : (byte[])r.GetValue(1));
        }
    }

    /// <summary>The highest sequence number in the journal (0: empty).</summary>
    public static long Highest(StoreDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        using DbConnection c = db.Open();
        if (!db.JournalExists(c))
        {
            return 0;
        }
        using DbCommand cmd = StoreDatabase.Command(
            c, null, $"SELECT MAX(sequence_number) FROM {StoreDatabase.JournalTable} WHERE persistence_id = @pid", ("@pid", StoreDatabase.PersistenceId));
        object? v = cmd.ExecuteScalar();
        return v is null or DBNull ? 0 : ReadModel.Long(v);
    }
}
