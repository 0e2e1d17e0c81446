using System.Data.Common;
using System.Globalization;
using NodaTime;
using Reconcile.Core.Access;
using Reconcile.Core.Model;

namespace Reconcile.Engine.Store;

/// <summary>
/// The users and policy tables, kept in step with the <see cref="StoreEventKind.AccessChanged"/> records (rebuilt
/// from the journal like every other projection). User names are unique ignoring case and surrounding spaces.
/// </summary>
internal static class AccessProjection
{
    public const string ApprovalThreshold = "approval-threshold";

    public static string Key(string name) => name.Trim().ToUpperInvariant();

    public static void Apply(DbConnection c, DbTransaction tx, long seq, AccessEvent e)
    {
        switch (e.Kind)
        {
            case AccessEventKind.USER_ADDED:
                StoreDatabase.ExecuteNonQuery(
                    c, tx,
                    "INSERT INTO rc_users (name_key, name, role, disabled, password_hash, token_hash, created_ticks, seq) VALUES (@k, @n, @r, 0, @p, NULL, @t, @s)",
                    ("@k", Key(e.User!)), ("@n", e.User!.Trim()), ("@r", e.Role!.Value.ToString()), ("@p", e.PasswordHash!), ("@t", e.At.ToUnixTimeTicks()), ("@s", seq));
                break;
            case AccessEventKind.USER_DISABLED:
                Update(c, tx, seq, e.User!, "disabled = 1, token_hash = NULL");
                break;
            case AccessEventKind.PASSWORD_CHANGED:
                Update(c, tx, seq, e.User!, "password_hash = @v", e.PasswordHash!);
                break;
            case AccessEventKind.TOKEN_ISSUED:
                Update(c, tx, seq, e.User!, "token_hash = @v", e.TokenHash!);
                break;
            case AccessEventKind.POLICY_SET:
                string value = e.Threshold is { } m ? m.Fen.ToString(CultureInfo.InvariantCulture) : throw new InvalidOperationException($"journal record #{seq}: a policy without a value");
                StoreDatabase.ExecuteNonQuery(c, tx, "DELETE FROM rc_policy WHERE name = @n", ("@n", e.Setting!));
                StoreDatabase.ExecuteNonQuery(c, tx, "INSERT INTO rc_policy (name, value, seq) VALUES (@n, @v, @s)", ("@n", e.Setting!), ("@v", value), ("@s", seq));
                break;
            default:
                throw new InvalidOperationException($"journal record #{seq}: unknown access event {e.Kind}");
        }
    }

    private static void Update(DbConnection c, DbTransaction tx, long seq, string user, string set, string? value = null)
    {
        int n = value is null
            ? StoreDatabase.ExecuteNonQuery(c, tx, $"UPDATE rc_users SET {set}, seq = @s WHERE name_key = @k", ("@s", seq), ("@k", Key(user)))
            : StoreDatabase.ExecuteNonQuery(c, tx, $"UPDATE rc_users SET {set}, seq = @s WHERE name_key = @k", ("@v", value), ("@s", seq), ("@k", Key(user)));
        if (n != 1)
        {
            throw new InvalidOperationException($"journal record #{seq} names user {user}, whom the read model does not know");
        }
    }

    public static IReadOnlyList<UserAccount> Users(DbConnection c)
    {
        var users = new List<UserAccount>();
        using DbCommand cmd = StoreDatabase.Command(c, null, "SELECT name, role, disabled, password_hash, token_hash, created_ticks FROM rc_users ORDER BY name_key");
        using DbDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            users.Add(new UserAccount(
                r.GetString(0),
                Enum.Parse<Role>(r.GetString(1)),
                ReadModel.Long(r, 2) != 0,
                r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4),
                Instant.FromUnixTimeTicks(ReadModel.Long(r, 5))));
        }
        return users;
    }

    public static StorePolicy Policy(DbConnection c)
    {
        using DbCommand cmd = StoreDatabase.Command(c, null, "SELECT value FROM rc_policy WHERE name = @n", ("@n", ApprovalThreshold));
        object? v = cmd.ExecuteScalar();
        return v is null or DBNull
            ? StorePolicy.Default
            : new StorePolicy(Money.FromFen(long.Parse(Convert.ToString(v, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture)));
    }
}
