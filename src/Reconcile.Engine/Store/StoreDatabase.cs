using System.Data.Common;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;

namespace Reconcile.Engine.Store;

/// <summary>
/// The database behind a <see cref="StoreLocation"/>, as the store's own code sees it (ADO.NET): opening
/// connections, the read-model tables (created here), the journal table's name (created by Akka.Persistence.Sql),
/// and the few spots where SQLite and PostgreSQL differ.
/// </summary>
public sealed class StoreDatabase
{
    /// <summary>The persistence id of the store's single persistent actor.</summary>
    public const string PersistenceId = "reconcile-store";

    /// <summary>Akka.Persistence.Sql's default mapping: table and columns of the journal.</summary>
    public const string JournalTable = "journal";

    /// <summary>Bumped when the read-model tables change: the read model is then rebuilt from the journal.</summary>
    public const int ReadModelVersion = 4;

    public StoreDatabase(StoreLocation location)
    {
        Location = location ?? throw new ArgumentNullException(nameof(location));
    }

    public StoreLocation Location { get; }

    public bool IsSqlite => Location.Kind == StoreKind.Sqlite;

    /// <summary>linq2db's provider name for Akka.Persistence.Sql.</summary>
    public string ProviderName => IsSqlite ? LinqToDB.ProviderName.SQLiteMS : LinqToDB.ProviderName.PostgreSQL15;

    private string BlobType => IsSqlite ? "BLOB" : "BYTEA";

    public DbConnection Open()
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(Location.ConnectionString) : new NpgsqlConnection(Location.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Creates the database file (SQLite: in write-ahead-log mode, so readers never block the writer) and the
    /// read-model tables when missing. Safe to call on every start.
    /// </summary>
    public void Prepare()
    {
        if (IsSqlite)
        {
            string? dir = Path.GetDirectoryName(Location.SqlitePath);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }
        using DbConnection c = Open();
        if (IsSqlite)
        {
            Execute(c, null, "PRAGMA journal_mode=WAL;");
        }
        CreateReadModel(c, null);
    }

    /// <summary>True when the database (SQLite: the file) exists; never creates it.</summary>
    public bool Exists()
    {
        if (IsSqlite)
        {
            return File.Exists(Location.SqlitePath);
        }
        using DbConnection c = Open();
        return true;
    }

    public void CreateReadModel(DbConnection c, DbTransaction? tx)
    {
        string blob = BlobType;
        Execute(c, tx, "CREATE TABLE IF NOT EXISTS rc_projection (name TEXT PRIMARY KEY, last_seq BIGINT NOT NULL, version INTEGER NOT NULL)");
        Execute(c, tx, $"""
            CREATE TABLE IF NOT EXISTS rc_runs (
              seq BIGINT PRIMARY KEY, run_id TEXT NOT NULL, business_day INTEGER NOT NULL,
              scope_bank TEXT NULL, scope_type TEXT NULL, inputs_hash TEXT NOT NULL, record {blob} NOT NULL)
            """);
        Execute(c, tx, "CREATE INDEX IF NOT EXISTS rc_runs_day ON rc_runs (business_day)");
        Execute(c, tx, "CREATE INDEX IF NOT EXISTS rc_runs_id ON rc_runs (run_id)");
        Execute(c, tx, $"""
            CREATE TABLE IF NOT EXISTS rc_account_days (
              account_no TEXT NOT NULL, business_day INTEGER NOT NULL, seq BIGINT NOT NULL, run_id TEXT NOT NULL,
              inventory {blob} NOT NULL, next_state {blob} NOT NULL, PRIMARY KEY (account_no, business_day))
            """);
        Execute(c, tx, "CREATE INDEX IF NOT EXISTS rc_account_days_day ON rc_account_days (business_day)");
        // The hashes of the serials and payment refs each account matched each day (8 bytes a hash, ascending): the
        // (account, hash, business_day) facts a later day's duplicate check needs, one row per account and day.
        Execute(c, tx, $"""
            CREATE TABLE IF NOT EXISTS rc_matched_keys (
              account_no TEXT NOT NULL, business_day INTEGER NOT NULL, seq BIGINT NOT NULL, hashes {blob} NOT NULL,
              PRIMARY KEY (account_no, business_day))
            """);
        Execute(c, tx, $"""
            CREATE TABLE IF NOT EXISTS rc_cases (
              case_id TEXT PRIMARY KEY, bank TEXT NOT NULL, escrow_type TEXT NOT NULL, account_no TEXT NOT NULL,
              category TEXT NOT NULL, direction TEXT NULL, bank_amount BIGINT NULL, ledger_amount BIGINT NULL,
              max_amount BIGINT NOT NULL, bank_serial TEXT NULL, ledger_entry_ids TEXT NOT NULL,
              first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, status TEXT NOT NULL, assignee TEXT NULL,
              detail TEXT NOT NULL, discrepancy {blob} NOT NULL, state {blob} NOT NULL)
            """);
        Execute(c, tx, "CREATE INDEX IF NOT EXISTS rc_cases_status ON rc_cases (status, bank, escrow_type, category)");
        Execute(c, tx, "CREATE INDEX IF NOT EXISTS rc_cases_account ON rc_cases (account_no)");
        Execute(c, tx, $"""
            CREATE TABLE IF NOT EXISTS rc_case_events (
              case_id TEXT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL, at_ticks BIGINT NOT NULL,
              by_name TEXT NOT NULL, text TEXT NULL, reason TEXT NULL, run_id TEXT NULL, business_day INTEGER NULL,
              identity TEXT NULL, pairing {blob} NULL, ord INTEGER NOT NULL, PRIMARY KEY (case_id, seq, kind))
            """);
        Execute(c, tx, """
            CREATE TABLE IF NOT EXISTS rc_users (
              name_key TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, disabled INTEGER NOT NULL,
              password_hash TEXT NOT NULL, token_hash TEXT NULL, created_ticks BIGINT NOT NULL, seq BIGINT NOT NULL)
            """);
        Execute(c, tx, "CREATE TABLE IF NOT EXISTS rc_policy (name TEXT PRIMARY KEY, value TEXT NOT NULL, seq BIGINT NOT NULL)");
    }

    /// <summary>Drops the read model (it is rebuilt from the journal).</summary>
    public void DropReadModel(DbConnection c, DbTransaction? tx)
    {
        foreach (string t in new[] { "rc_users", "rc_policy", "rc_case_events", "rc_cases", "rc_matched_keys", "rc_account_days", "rc_runs", "rc_projection" })
        {
            Execute(c, tx, $"DROP TABLE IF EXISTS {t}");
        }
    }

    public bool JournalExists(DbConnection c) => JournalExists(c, null);

    public bool JournalExists(DbConnection c, DbTransaction? tx) => TableExists(c, tx, JournalTable);

    /// <summary>Whether the database has a table of that name (PostgreSQL: in the connection's search path).</summary>
    public bool TableExists(DbConnection c, DbTransaction? tx, string table)
    {
        string sql = IsSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @t"
            : "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = @t AND schemaname = ANY (current_schemas(false))";
        using DbCommand cmd = Command(c, tx, sql, ("@t", table));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public static int ExecuteNonQuery(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using DbCommand cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    public static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        foreach ((string name, object? value) in parameters)
        {
            AddParameter(cmd, name, value);
        }
        return cmd;
    }

    public static void AddParameter(DbCommand cmd, string name, object? value)
    {
        DbParameter p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    /// <summary>Business days are kept as day numbers (days since 0001-01-01): comparable and subtractable in SQL.</summary>
    public static int Day(LocalDate date) => date.ToDateOnly().DayNumber;

    public static LocalDate Date(long dayNumber) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(checked((int)dayNumber)));

    private static void Execute(DbConnection c, DbTransaction? tx, string sql) => ExecuteNonQuery(c, tx, sql);
}
