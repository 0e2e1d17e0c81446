using System.Security.Cryptography;
using System.Text;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Stable discrepancy ids: "D-" + the first 16 hex digits of SHA-256 over the category, the account and the
/// keys of what is involved. The same finding gets the same id on every re-run and every later day.
/// </summary>
public static class DiscrepancyId
{
    public static string For(Category category, string accountNo, string? bankSerial, IEnumerable<string> ledgerEntryIds, string? extraKey = null)
    {
        var sb = new StringBuilder();
        sb.Append(category).Append('|').Append(accountNo).Append('|').Append(bankSerial ?? "").Append('|');
        sb.AppendJoin(';', ledgerEntryIds.OrderBy(x => x, StringComparer.Ordinal));
        sb.Append('|').Append(extraKey ?? "");
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return "D-" + Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }
}
