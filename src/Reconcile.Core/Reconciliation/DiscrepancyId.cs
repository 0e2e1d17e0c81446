using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Stable discrepancy ids: "D-" + the first 16 hex digits of SHA-256 over the category, the account and the
/// keys of what is involved. The same finding gets the same id on every re-run and every later day.
/// </summary>
/// <remarks>
/// The hashed text is <c>category|account|bank_serial|id1;id2…|extra</c> (ids ordinal-sorted), UTF-8. Built in a
/// pooled buffer: one id costs the SHA-256 and the returned string.
/// </remarks>
public static class DiscrepancyId
{
    public static string For(Category category, string accountNo, string? bankSerial, IEnumerable<string> ledgerEntryIds, string? extraKey = null)
    {
        ArgumentNullException.ThrowIfNull(accountNo);
        ArgumentNullException.ThrowIfNull(ledgerEntryIds);
        string[] ids = ledgerEntryIds as string[] ?? ledgerEntryIds.ToArray();
        if (!IsSorted(ids))
        {
            ids = (string[])ids.Clone();
            Array.Sort(ids, StringComparer.Ordinal);
        }

        string name = category.ToString();
        int length = name.Length + accountNo.Length + (bankSerial?.Length ?? 0) + (extraKey?.Length ?? 0) + 4 + ids.Length;
        foreach (string id in ids)
        {
            length += id.Length;
        }
        char[] rented = ArrayPool<char>.Shared.Rent(length);
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
        try
        {
            var text = new Span<char>(rented);
            int at = 0;
            Append(text, ref at, name);
            text[at++] = '|';
            Append(text, ref at, accountNo);
            text[at++] = '|';
            Append(text, ref at, bankSerial);
            text[at++] = '|';
            for (int k = 0; k < ids.Length; k++)
            {
                if (k > 0)
                {
                    text[at++] = ';';
                }
                Append(text, ref at, ids[k]);
            }
            text[at++] = '|';
            Append(text, ref at, extraKey);

            int bytes = Encoding.UTF8.GetBytes(text[..at], utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8.AsSpan(0, bytes), hash);
            return "D-" + Convert.ToHexStringLower(hash[..8]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static void Append(Span<char> text, ref int at, string? part)
    {
        if (!string.IsNullOrEmpty(part))
        {
            part.CopyTo(text[at..]);
            at += part.Length;
        }
    }

    private static bool IsSorted(string[] ids)
    {
        for (int k = 1; k < ids.Length; k++)
        {
            if (string.CompareOrdinal(ids[k - 1], ids[k]) > 0)
            {
                return false;
            }
        }
        return true;
    }
}
