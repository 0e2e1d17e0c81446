using Reconcile.Engine.Store;

namespace Reconcile.Cli.Commands;

/// <summary>
/// A command that only reads was pointed at an SQLite store that does not exist: it is refused (exit 2) rather than
/// creating an empty store and reporting nothing found. Program prints "reconcile VERB: " and the message.
/// </summary>
public sealed class NoStoreException(string path)
    : Exception($"no store at {path}: pass --store or set {StoreLocation.EnvironmentVariable}")
{
    /// <summary>The full path of the missing SQLite file.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// The full path of the SQLite file <c>--store</c> names (null: <c>RECONCILE_STORE</c>, else <c>reconcile.db</c>)
    /// when no such file exists; null when it exists or the store is PostgreSQL (a server: not checked here).
    /// </summary>
    public static string? MissingSqliteFile(string? store) => MissingSqliteFile(StoreLocation.Parse(store));

    public static string? MissingSqliteFile(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind == StoreKind.Sqlite && !File.Exists(location.SqlitePath) ? location.SqlitePath : null;
    }
}
