using System.Security.Cryptography;
using System.Text;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Pipeline;

/// <summary>SHA-256 of the input files, and the hash of a run's inputs as a whole.</summary>
public static class InputHashes
{
    /// <summary>
    /// The inputs hash of a run: SHA-256 over the timing window and each input's inbox-relative path and SHA-256, in
    /// ordinal path order. The same files (and window) give the same hash wherever the inbox lives. A retention window
    /// other than the default is part of it too (the default is left out, so hashes of runs before it existed hold).
    /// </summary>
    public static string Combine(IEnumerable<InputFile> inputs, int timingWindowDays, int retentionDays = ReconcileOptions.DefaultRetentionDays)
    {
        var text = new StringBuilder();
        text.Append("window=").Append(timingWindowDays).Append('\n');
        if (retentionDays != ReconcileOptions.DefaultRetentionDays)
        {
            text.Append("retention=").Append(retentionDays).Append('\n');
        }
        foreach (InputFile f in inputs.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append(f.Path).Append('\t').Append(f.Sha256).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}
