using System.Data.Common;
using System.Text;

namespace Reconcile.Engine.Store;

/// <summary>Multi-row INSERT (optionally ON CONFLICT … DO UPDATE) in chunks: one statement per chunk, same SQL on SQLite and PostgreSQL.</summary>
internal static class SqlBulk
{
    private const int MaxParameters = 2000;

    public static void Insert(DbConnection c, DbTransaction tx, string table, string[] columns, IEnumerable<object?[]> rows, string[]? conflictKeys = null)
    {
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
