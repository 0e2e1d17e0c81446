using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Reconcile.Engine.Store;

public enum ProjectionDifferenceKind
{
    /// <summary>The row is in both, a column's value differs.</summary>
    Differs,

    /// <summary>The journal makes the row, the store does not have it (deleted).</summary>
    Missing,

    /// <summary>The store has the row, no journal record makes it (added).</summary>
    Extra,

    /// <summary>The table itself does not fit: missing from the store, a column missing or added.</summary>
    Table,
}

/// <summary>One row (or table) of the store's read model that is not what the journal records make.</summary>
/// <param name="Key">The row's key columns and values ("case_id=…", "account_no=…, business_day=2024-11-06").</param>
/// <param name="Column">The differing column (<see cref="ProjectionDifferenceKind.Differs"/>) or the column that
/// does not fit (<see cref="ProjectionDifferenceKind.Table"/>).</param>
/// <param name="Stored">The store's value, as text (or, for a table problem, what is wrong).</param>
/// <param name="Derived">The value the journal makes, as text.</param>
public sealed record ProjectionDifference(string Table, string Key, ProjectionDifferenceKind Kind, string? Column = null, string? Stored = null, string? Derived = null)
{
    public override string ToString() => Kind switch
    {
        ProjectionDifferenceKind.Differs => $"DIFFERS {Table} {Key}: {Column} stored {Stored}, the journal makes {Derived}",
        ProjectionDifferenceKind.Missing => $"MISSING {Table} {Key}: the journal makes this row, the store does not have it",
        ProjectionDifferenceKind.Extra => $"EXTRA   {Table} {Key}: the store has this row, no journal record makes it",
        _ => $"TABLE   {Table}{(Column is null ? "" : " column " + Column)}: {Stored}",
    };
}

/// <summary>How one read-model table compared: its rows in the store, the rows the journal makes, and how many
/// differences were found in it (one per differing column of a row, per missing or extra row, per column or table
/// that does not fit).</summary>
public sealed record TableComparison(string Table, long StoredRows, long DerivedRows, long Differences);

/// <summary>The result of <see cref="ProjectionVerifier.Verify"/>.</summary>
/// <param name="RecordsProjected">Journal records projected into the scratch read model.</param>
public sealed record ProjectionReport(long RecordsProjected, IReadOnlyList<TableComparison> Tables, IReadOnlyList<ProjectionDifference> Differences)
{
    public bool Consistent => Differences.Count == 0;
}

/// <summary>
/// Re-derives the store's read model from its journal and compares it with the stored one, table by table and row
/// by row. Every journal record is projected, with the store's own <see cref="Projector"/> (its one apply path for
/// every kind of record), into a scratch SQLite database created with the read model's schema; then every table of
/// that schema (every <c>rc_*</c> table the projector writes: cases, case events, runs, account days with their
/// carried states, users, policy, the projection's own position) is read from both, ordered by its primary key,
/// and merged: a row only the journal makes is MISSING, a row only the store has is EXTRA, a row in both whose
/// column differs is named with both values. The store is only read, in one snapshot (SQLite: a deferred read
/// transaction; PostgreSQL: REPEATABLE READ), so a write that lands meanwhile is not half seen.
/// <para>
/// The scratch database is SQLite for a PostgreSQL store too: values are compared after normalizing them —
/// integers as 64-bit integers (PostgreSQL's INTEGER and BIGINT, SQLite's INTEGER), text as text (keys ordered by
/// code point on both sides: SQLite's binary collation, PostgreSQL's "C" collation), blobs byte by byte.
/// </para>
/// </summary>
public static class ProjectionVerifier
{
    private const int RecordsPerTransaction = 256;
    private const int ExcerptChars = 90;

    /// <param name="journalRows">Called with the number of records projected so far (for progress), every few hundred.</param>
    public static ProjectionReport Verify(StoreDatabase store, CancellationToken ct = default, Action<long>? journalRows = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        string dir = Path.Combine(Path.GetTempPath(), "reconcile-verify");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db");
        var scratch = new StoreDatabase(StoreLocation.Sqlite(path));
        try
        {
            scratch.Prepare();
            var projector = new Projector(scratch, new ReadModel(scratch));
            projector.LastApplied(); // the projection's own row, which every store has from its first start

            using DbConnection sc = store.Open();
            using DbTransaction stx = BeginSnapshot(store, sc);
            long records = Derive(store, sc, stx, projector, scratch, ct, journalRows);

            using DbConnection dc = scratch.Open();
            var tables = new List<TableComparison>();
            var differences = new List<ProjectionDifference>();
            foreach (string table in ReadModelTables(dc))
            {
                ct.ThrowIfCancellationRequested();
                tables.Add(CompareTable(store, sc, stx, dc, table, differences, ct));
            }
            stx.Rollback();
            return new ProjectionReport(records, tables, differences);
        }
        finally
        {
            using (var c = new SqliteConnection(scratch.Location.ConnectionString))
            {
                SqliteConnection.ClearPool(c);
            }
            foreach (string f in new[] { path, path + "-wal", path + "-shm" })
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                    // a temporary file; the folder is the system's temp folder
                }
            }
        }
    }

    private static DbTransaction BeginSnapshot(StoreDatabase store, DbConnection c) =>
        // A deferred transaction takes no lock until it reads, and never the write lock: the store's writer goes on.
        store.IsSqlite ? ((SqliteConnection)c).BeginTransaction(deferred: true) : c.BeginTransaction(IsolationLevel.RepeatableRead);

    private static long Derive(
        StoreDatabase store, DbConnection sc, DbTransaction stx, Projector projector, StoreDatabase scratch, CancellationToken ct, Action<long>? progress)
    {
        using DbConnection c = scratch.Open();
        StoreDatabase.ExecuteNonQuery(c, null, "PRAGMA synchronous=OFF");
        DbTransaction tx = c.BeginTransaction();
        long records = 0;
        try
        {
            foreach (JournalRow row in JournalReader.Read(store, sc, stx))
            {
                ct.ThrowIfCancellationRequested();
                projector.Apply(c, tx, ChainRecord.Parse(row.Message));
                records++;
                if (records % RecordsPerTransaction == 0)
                {
                    tx.Commit();
                    tx.Dispose();
                    tx = c.BeginTransaction();
                    progress?.Invoke(records);
                }
            }
            tx.Commit();
        }
        finally
        {
            tx.Dispose();
        }
        return records;
    }

    /// <summary>The read model's tables as <see cref="StoreDatabase.CreateReadModel"/> makes them (every rc_* table).</summary>
    private static List<string> ReadModelTables(DbConnection scratch)
    {
        var tables = new List<string>();
        using DbCommand cmd = StoreDatabase.Command(scratch, null, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rc!_%' ESCAPE '!' ORDER BY name");
        using DbDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            tables.Add(r.GetString(0));
        }
        return tables;
    }

    private sealed record Column(string Name, bool IsText, bool IsInteger, int KeyOrder);

    private static List<Column> Columns(DbConnection scratch, string table)
    {
        var columns = new List<Column>();
        using DbCommand cmd = StoreDatabase.Command(scratch, null, $"PRAGMA table_info('{table}')");
        using DbDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            string type = r.GetString(2).ToUpperInvariant();
            columns.Add(new Column(r.GetString(1), type.Contains("TEXT", StringComparison.Ordinal), type.Contains("INT", StringComparison.Ordinal), checked((int)ReadModel.Long(r, 5))));
        }
        return columns;
    }

    private static HashSet<string> StoredColumns(DbConnection c, DbTransaction tx, string table)
    {
        using DbCommand cmd = StoreDatabase.Command(c, tx, $"SELECT * FROM {table} WHERE 1 = 0");
        using DbDataReader r = cmd.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < r.FieldCount; i++)
        {
            names.Add(r.GetName(i));
        }
        return names;
    }

    private static TableComparison CompareTable(
        StoreDatabase store, DbConnection sc, DbTransaction stx, DbConnection dc, string table, List<ProjectionDifference> differences, CancellationToken ct)
    {
        List<Column> all = Columns(dc, table);
        List<Column> keys = all.Where(k => k.KeyOrder > 0).OrderBy(k => k.KeyOrder).ToList();
        if (keys.Count == 0)
        {
            keys = all;
        }
        long derivedCount = Count(dc, null, table);
        if (!store.TableExists(sc, stx, table))
        {
            differences.Add(new ProjectionDifference(table, "", ProjectionDifferenceKind.Table, null, $"the store has no such table; the journal makes {derivedCount} row(s) of it"));
            return new TableComparison(table, 0, derivedCount, derivedCount);
        }
        HashSet<string> stored = StoredColumns(sc, stx, table);
        var derivedNames = all.Select(k => k.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        int before = differences.Count;
        foreach (Column missing in all.Where(k => !stored.Contains(k.Name)))
        {
            differences.Add(new ProjectionDifference(table, "", ProjectionDifferenceKind.Table, missing.Name, "the store's table has no such column"));
        }
        foreach (string extra in stored.Where(n => !derivedNames.Contains(n)).Order(StringComparer.Ordinal))
        {
            differences.Add(new ProjectionDifference(table, "", ProjectionDifferenceKind.Table, extra, "the store's table has a column the read model does not"));
        }
        if (keys.Any(k => !stored.Contains(k.Name)))
        {
            return new TableComparison(table, Count(sc, stx, table), derivedCount, differences.Count - before);
        }
        List<Column> columns = all.Where(k => stored.Contains(k.Name)).ToList();
        int[] keyAt = keys.Select(k => columns.FindIndex(x => x.Name == k.Name)).ToArray();

        string list = string.Join(", ", columns.Select(k => k.Name));
        string storedSql = $"SELECT {list} FROM {table} ORDER BY {string.Join(", ", keys.Select(k => k.IsText && !store.IsSqlite ? k.Name + " COLLATE \"C\"" : k.Name))}";
        string derivedSql = $"SELECT {list} FROM {table} ORDER BY {string.Join(", ", keys.Select(k => k.Name))}";
        long storedRows = 0;
        using (DbCommand scmd = StoreDatabase.Command(sc, stx, storedSql))
        using (DbCommand dcmd = StoreDatabase.Command(dc, null, derivedSql))
        using (DbDataReader sr = scmd.ExecuteReader())
        using (DbDataReader dr = dcmd.ExecuteReader())
        {
            var s = new Cursor(sr, keyAt, table, "store");
            var d = new Cursor(dr, keyAt, table, "derived read model");
            s.Next();
            d.Next();
            while (s.Row is not null || d.Row is not null)
            {
                ct.ThrowIfCancellationRequested();
                int cmp = s.Row is null ? 1 : d.Row is null ? -1 : CompareKeys(s.Row, d.Row, keyAt);
                if (cmp < 0 || s.Duplicate)
                {
                    differences.Add(new ProjectionDifference(table, KeyText(s.Row!, keyAt, columns), ProjectionDifferenceKind.Extra));
                    storedRows++;
                    s.Next();
                }
                else if (cmp > 0)
                {
                    differences.Add(new ProjectionDifference(table, KeyText(d.Row!, keyAt, columns), ProjectionDifferenceKind.Missing));
                    d.Next();
                }
                else
                {
                    for (int i = 0; i < columns.Count; i++)
                    {
                        if (!Same(s.Row![i], d.Row![i]))
                        {
                            (string sv, string dv) = Show(columns[i], s.Row[i], d.Row[i]);
                            differences.Add(new ProjectionDifference(table, KeyText(d.Row, keyAt, columns), ProjectionDifferenceKind.Differs, columns[i].Name, sv, dv));
                        }
                    }
                    storedRows++;
                    s.Next();
                    d.Next();
                }
            }
        }
        return new TableComparison(table, storedRows, derivedCount, differences.Count - before);
    }

    private static long Count(DbConnection c, DbTransaction? tx, string table)
    {
        using DbCommand cmd = StoreDatabase.Command(c, tx, $"SELECT COUNT(*) FROM {table}");
        return ReadModel.Long(cmd.ExecuteScalar()!);
    }

    /// <summary>Reads one side's rows in key order, normalized; checks that the database's order is the one compared.</summary>
    private sealed class Cursor(DbDataReader reader, int[] keyAt, string table, string side)
    {
        public object?[]? Row { get; private set; }

        /// <summary>The row has the key of the one before it (a table whose primary key was dropped).</summary>
        public bool Duplicate { get; private set; }

        public void Next()
        {
            object?[]? previous = Row;
            if (!reader.Read())
            {
                Row = null;
                Duplicate = false;
                return;
            }
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = Normalize(reader.GetValue(i));
            }
            Row = row;
            int cmp = previous is null ? 1 : CompareKeys(row, previous, keyAt);
            if (cmp < 0)
            {
                throw new InvalidOperationException($"{table}: the {side} does not return its rows in key order (by code point); the tables cannot be compared");
            }
            Duplicate = cmp == 0;
        }
    }

    private static object? Normalize(object? value) => value switch
    {
        null or DBNull => null,
        long l => l,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        bool b => b ? 1L : 0L,
        decimal m when m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue => (long)m,
        string s => s,
        byte[] bytes => bytes,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        _ => a.Equals(b),
    };

    private static int CompareKeys(object?[] a, object?[] b, int[] keyAt)
    {
        foreach (int i in keyAt)
        {
            int c = CompareValues(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }

    /// <summary>NULL first, numbers by value, text by code point (the order of UTF-8 bytes), blobs by bytes.</summary>
    private static int CompareValues(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }
        return (a, b) switch
        {
            (long x, long y) => x.CompareTo(y),
            (string x, string y) => CompareCodePoints(x, y),
            (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
            _ => string.CompareOrdinal(a.GetType().Name, b.GetType().Name),
        };
    }

    private static int CompareCodePoints(string a, string b)
    {
        StringRuneEnumerator x = a.EnumerateRunes();
        StringRuneEnumerator y = b.EnumerateRunes();
        while (true)
        {
            bool hasX = x.MoveNext();
            bool hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return (hasX ? 1 : 0) - (hasY ? 1 : 0);
            }
            int c = x.Current.Value.CompareTo(y.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    private static string KeyText(object?[] row, int[] keyAt, List<Column> columns) =>
        string.Join(", ", keyAt.Select(i => $"{columns[i].Name}={Scalar(columns[i], row[i])}"));

    /// <summary>Business days are day numbers in the tables: shown as dates.</summary>
    private static bool IsDay(Column c) => c.IsInteger && (c.Name.EndsWith("_day", StringComparison.Ordinal) || c.Name is "first_seen" or "last_seen");

    private static string Scalar(Column c, object? v) => v switch
    {
        null => "NULL",
        long l when IsDay(c) && l is > 0 and < 3_652_059 => NodaTime.Text.LocalDatePattern.Iso.Format(StoreDatabase.Date(l)),
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => s,
        byte[] b => $"({b.Length} bytes)",
        _ => v.ToString() ?? "",
    };

    /// <summary>Both values as text; for blobs (the JSON of states, discrepancies, run records) the stretch around the first difference.</summary>
    private static (string Stored, string Derived) Show(Column c, object? stored, object? derived)
    {
        if (stored is byte[] x && derived is byte[] y && Utf8(x) is { } sx && Utf8(y) is { } sy)
        {
            return Excerpts(sx, sy);
        }
        if (stored is string s1 && derived is string s2 && (s1.Length > ExcerptChars || s2.Length > ExcerptChars))
        {
            return Excerpts(s1, s2);
        }
        return (Quote(c, stored), Quote(c, derived));
    }

    private static string Quote(Column c, object? v) => v switch
    {
        null => "NULL",
        string s => $"'{s}'",
        byte[] b => Utf8(b) is { } text ? $"'{Clip(text, 0)}'" : $"({b.Length} bytes)",
        _ => Scalar(c, v),
    };

    private static (string, string) Excerpts(string a, string b)
    {
        int at = 0;
        while (at < a.Length && at < b.Length && a[at] == b[at])
        {
            at++;
        }
        int from = Math.Max(0, at - (ExcerptChars / 3));
        if (from > 0 && char.IsLowSurrogate(a.Length > from ? a[from] : b[from]))
        {
            from--;
        }
        return ($"'{Clip(a, from)}'", $"'{Clip(b, from)}'");
    }

    private static string Clip(string s, int from)
    {
        if (from >= s.Length)
        {
            return from == 0 ? "" : "…";
        }
        int length = Math.Min(ExcerptChars, s.Length - from);
        if (from + length < s.Length && char.IsHighSurrogate(s[from + length - 1]))
        {
            length--;
        }
        return (from > 0 ? "…" : "") + s.Substring(from, length) + (from + length < s.Length ? "…" : "");
    }

    private static string? Utf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
