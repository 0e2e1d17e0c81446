using System.Data.Common;
using System.Text;

namespace Reconcile.Engine.Store;

/// <summary>Multi-row INSERT (optionally ON CONFLICT … DO UPDATE) in chunks: one statement per chunk, same SQL on SQLite and PostgreSQL.</summary>
internal static class SqlBulk
{
    private const int MaxParameters = 2000;

    public static void Insert(DbConnection c, DbTransaction tx, string table, string[] columns, IEnumerable<object?[]> rows, string[]? conflictKeys = null)
    {
        if (c is Microsoft.Data.Sqlite.SqliteConnection)
        {
            InsertRowByRow(c, tx, table, columns, rows, conflictKeys);
            return;
        }
        int perChunk = Math.Max(1, MaxParameters / columns.Length);
        foreach (object?[][] chunk in rows.Chunk(perChunk))
        {
            var sql = new StringBuilder();
            sql.Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
            using DbCommand cmd = StoreDatabase.Command(c, tx, "");
            for (int r = 0; r < chunk.Length; r++)
            {
                if (chunk[r].Length != columns.Length)
                {
                    throw new ArgumentException($"row {r} has {chunk[r].Length} values for {columns.Length} columns");
                }
                sql.Append(r == 0 ? "(" : ", (");
                for (int k = 0; k < columns.Length; k++)
                {
                    string name = "@p" + r.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    sql.Append(k == 0 ? "" : ", ").Append(name);
                    StoreDatabase.AddParameter(cmd, name, chunk[r][k]);
                }
                sql.Append(')');
            }
            if (conflictKeys is { Length: > 0 })
            {
                sql.Append(" ON CONFLICT (").AppendJoin(", ", conflictKeys).Append(") DO UPDATE SET ");
                sql.AppendJoin(", ", columns.Where(col => !conflictKeys.Contains(col)).Select(col => $"{col} = excluded.{col}"));
            }
            cmd.CommandText = sql.ToString();
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>SQLite (in process, no round trips): one prepared statement executed per row is the fastest.</summary>
    private static void InsertRowByRow(DbConnection c, DbTransaction tx, string table, string[] columns, IEnumerable<object?[]> rows, string[]? conflictKeys)
    {
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES (");
        sql.AppendJoin(", ", columns.Select((_, k) => "@p" + k.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(')');
        if (conflictKeys is { Length: > 0 })
        {
            sql.Append(" ON CONFLICT (").AppendJoin(", ", conflictKeys).Append(") DO UPDATE SET ");
            sql.AppendJoin(", ", columns.Where(col => !conflictKeys.Contains(col)).Select(col => $"{col} = excluded.{col}"));
        }
        using DbCommand cmd = StoreDatabase.Command(c, tx, sql.ToString());
        for (int k = 0; k < columns.Length; k++)
        {
            StoreDatabase.AddParameter(cmd, "@p" + k.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        }
        cmd.Prepare();
        foreach (object?[] row in rows)
        {
            if (row.Length != columns.Length)
            {
                throw new ArgumentException($"a row has {row.Length} values for {columns.Length} columns");
            }
            for (int k = 0; k < row.Length; k++)
            {
                cmd.Parameters[k].Value = row[k] ?? DBNull.Value;
            }
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>"(@x0, @x1, …)" for an IN list, with the parameters added to <paramref name="cmd"/>.</summary>
    public static string InList(DbCommand cmd, string prefix, IReadOnlyList<string> values)
    {
        var sb = new StringBuilder("(");
        for (int i = 0; i < values.Count; i++)
        {
            string name = "@" + prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(i == 0 ? "" : ", ").Append(name);
            StoreDatabase.AddParameter(cmd, name, values[i]);
        }
        return sb.Append(')').ToString();
    }
}
