using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The 64-bit hash under which a matched bank serial or payment ref is retained across days (RULES.md "Duplicates
/// across days"): XxHash64 (seed 0) of the UTF-8 bytes of <c>S:</c> + serial or <c>R:</c> + ref, so a serial and a
/// ref with the same text are different keys. Stable across processes, machines and .NET versions (never
/// <see cref="string.GetHashCode()"/>). Two different keys share a hash with a probability of about 2⁻⁶⁴ each.
/// </summary>
public static class KeyHash
{
    public static ulong Serial(string serial) => Of('S', serial);

    public static ulong PaymentRef(string paymentRef) => Of('R', paymentRef);

    private static ulong Of(char kind, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int max = 2 + Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > 256 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> bytes = rented ?? stackalloc byte[256];
        try
        {
            bytes[0] = (byte)kind;
            bytes[1] = (byte)':';
            int n = 2 + Encoding.UTF8.GetBytes(text, bytes[2..]);
            return XxHash64.HashToUInt64(bytes[..n]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
