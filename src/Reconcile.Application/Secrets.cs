using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reconcile.Application;

/// <summary>
/// Password and token hashing. Passwords: PBKDF2-HMAC-SHA256 (<see cref="Rfc2898DeriveBytes.Pbkdf2(ReadOnlySpan{char}, ReadOnlySpan{byte}, int, HashAlgorithmName, int)"/>),
/// 16-byte random salt, stored as <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64). Tokens: 32 random bytes
/// shown once as <c>rct_…</c>; only their SHA-256 is stored (a token has the entropy a password lacks).
/// </summary>
public static class Secrets
{
    public const int MinimumPasswordLength = 12;
    private const int Iterations = 100_000;
    private const string Scheme = "pbkdf2-sha256";
    private const string TokenPrefix = "rct_";

    public static string HashPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool VerifyPassword(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations))
        {
            return false;
        }
        byte[] salt = Convert.FromBase64String(parts[2]);
        byte[] expected = Convert.FromBase64String(parts[3]);
        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Null when the password is acceptable; else why not.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinimumPasswordLength
            ? $"a password needs at least {MinimumPasswordLength} characters"
            : string.IsNullOrWhiteSpace(password) ? "a password cannot be only spaces" : null;

    public static string NewToken() => TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    public static bool TokenMatches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashToken(token)), Encoding.ASCII.GetBytes(storedHash));
}
