using Npgsql;

namespace Reconcile.Engine.Store;

public enum StoreKind
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Where the store lives, parsed from <c>--store</c>: a file path selects an embedded SQLite file; a PostgreSQL
/// connection string (<c>Host=...;Database=...</c>, or a <c>postgres://user:pass@host:port/db</c> URL) selects
/// PostgreSQL. Without a value: the environment variable <c>RECONCILE_STORE</c>, else <c>reconcile.db</c> in the
/// current directory.
/// </summary>
/// <param name="ConnectionString">ADO.NET connection string (Microsoft.Data.Sqlite or Npgsql keyword form).</param>
/// <param name="SqlitePath">The absolute path of the SQLite file (null for PostgreSQL).</param>
public sealed record StoreLocation(StoreKind Kind, string ConnectionString, string? SqlitePath)
{
    public const string EnvironmentVariable = "RECONCILE_STORE";
    public const string DefaultFileName = "reconcile.db";

    /// <summary>"sqlite:/abs/path.db" or "postgresql://host:port/db" (never a password).</summary>
    public string Description => Kind == StoreKind.Sqlite
        ? "sqlite:" + SqlitePath
        : PostgresDescription(ConnectionString);

    public override string ToString() => Description;

    /// <summary>An SQLite file (relative paths resolve against the current directory).</summary>
    public static StoreLocation Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        // Default Timeout: how long a statement waits for a lock held by another connection (seconds).
        string cs = $"Data Source={full};Default Timeout=60;Pooling=True";
        return new StoreLocation(StoreKind.Sqlite, cs, full);
    }

    /// <summary>A PostgreSQL server, from an Npgsql connection string or a postgres:// URL.</summary>
    public static StoreLocation PostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        string cs = IsUrl(connectionString) ? FromUrl(connectionString) : connectionString.Trim();
        return new StoreLocation(StoreKind.PostgreSql, cs, null);
    }

    /// <summary>
    /// Parses a <c>--store</c> value; null or empty falls back to <c>RECONCILE_STORE</c>, then to
    /// <c>reconcile.db</c> in the current directory.
    /// </summary>
    public static StoreLocation Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            return Sqlite(DefaultFileName);
        }
        value = value.Trim();
        return LooksLikePostgres(value) ? PostgreSql(value) : Sqlite(value);
    }

    /// <summary>True for a postgres:// URL or a keyword connection string naming a Host / Server.</summary>
    public static bool LooksLikePostgres(string value)
    {
        if (IsUrl(value))
        {
            return true;
        }
        if (!value.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            string key = part[..eq].Trim();
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsUrl(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>postgres://user:pass@host:port/db?sslmode=require → Npgsql keyword form (values quoted as needed).</summary>
    private static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            b.Port = uri.Port;
        }
        string db = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (db.Length > 0)
        {
            b.Database = db;
        }
        if (uri.UserInfo.Length > 0)
        {
            string[] userInfo = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(userInfo[0]);
            if (userInfo.Length == 2)
            {
                b.Password = Uri.UnescapeDataString(userInfo[1]);
            }
        }
        foreach (string kv in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pair = kv.Split('=', 2);
            string key = Uri.UnescapeDataString(pair[0]);
            b[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : "";
        }
        return b.ConnectionString;
    }

    private static string PostgresDescription(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            string host = string.IsNullOrEmpty(b.Host) ? "localhost" : b.Host;
            return $"postgresql://{host}:{b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{b.Database}";
        }
        catch (ArgumentException)
        {
            return "postgresql://(unreadable connection string)";
        }
    }
}
