using System.Text;

namespace Reconcile.Formats;

/// <summary>
/// Parses a contract code ("CEB", "SECOND_HAND", "DEPOSIT") from UTF-8 bytes into its enum, exactly and by
/// name only (never a number), without allocating.
/// </summary>
internal static class Utf8Enum<T>
    where T : struct, Enum
{
    private static readonly T[] Values = Enum.GetValues<T>();
    private static readonly byte[][] Names = Values.Select(v => Encoding.UTF8.GetBytes(v.ToString())).ToArray();

    /// <summary>The accepted codes, for messages: "CEB, CITIC or PAB".</summary>
    public static string Expected { get; } = Values.Length == 1
        ? Values[0].ToString()
        : string.Join(", ", Values.Take(Values.Length - 1)) + " or " + Values[^1];

    public static bool TryParse(ReadOnlySpan<byte> utf8, out T value)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if (utf8.SequenceEqual(Names[i]))
            {
                value = Values[i];
                return true;
            }
        }
        value = default;
        return false;
    }
}
