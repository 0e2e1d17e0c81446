using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// Writes matches.csv: every pair made, by (escrow_account_no, bank_serial, ledger_entry_ids, rule) (<see cref="MatchOrder"/>).
/// A large file is rendered in chunks of rows on the thread pool, a few chunks ahead of the writing, and the chunks
/// are written in order: the bytes are those of one sequential pass.
/// </summary>
public static class MatchesCsv
{
    public static readonly string[] Header = ["escrow_account_no", "bank_serial", "ledger_entry_ids", "rule", "amount"];

    /// <summary>Rows per chunk rendered on its own (a few MiB of text).</summary>
    internal const int DefaultChunkRows = 32_768;

    /// <summary>Each rule's name at its value's index (enum formatting per row was a tenth of the rendering).</summary>
    private static readonly string?[] RuleNames = Names();

    public static int Write(string path, IEnumerable<MatchRecord> matches) =>
        OutputCsvWriter.WriteFile(path, w => Write(w, matches)).Rows;

    /// <summary>Writes the header and the rows, sorted, to <paramref name="w"/>; returns the number of rows.</summary>
    public static int Write(OutputCsvWriter w, IEnumerable<MatchRecord> matches) => Write(w, matches, DefaultChunkRows);

    /// <summary>
    /// As <see cref="Write(OutputCsvWriter, IEnumerable{MatchRecord})"/>, with the rows a subset re-run keeps (<paramref name="kept"/>,
    /// keyed by account) in their place in the order. Written in one pass on this thread: the kept rows come between
    /// the accounts of the new ones.
    /// </summary>
    internal static int Write(OutputCsvWriter w, IEnumerable<MatchRecord> matches, KeptCsv kept)
    {
        MatchRecord[] rows = MatchOrder.Sort(matches);
        w.WriteHeader(Header);
        int start = 0;
        for (int i = 1; i <= rows.Length; i++)
        {
            if (i == rows.Length || !string.Equals(rows[i].AccountNo, rows[start].AccountNo, StringComparison.Ordinal))
            {
                kept.WriteBefore(w, rows[start].AccountNo);
                WriteRows(w, rows, start, i);
                start = i;
            }
        }
        kept.WriteBefore(w, null);
        return rows.Length + kept.Kept;
    }

    /// <summary>As <see cref="Write(OutputCsvWriter, IEnumerable{MatchRecord})"/>, rendering <paramref name="chunkRows"/> rows per chunk.</summary>
    internal static int Write(OutputCsvWriter w, IEnumerable<MatchRecord> matches, int chunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        MatchRecord[] rows = MatchOrder.Sort(matches);
        w.WriteHeader(Header);
        if (rows.Length <= chunkRows)
        {
            WriteRows(w, rows, 0, rows.Length);
            return rows.Length;
        }
        int chunks = (rows.Length + chunkRows - 1) / chunkRows;
        // Enough chunks in flight to keep every core rendering while this thread writes; no more (memory).
        int window = Math.Max(2, 2 * Environment.ProcessorCount);
        var pending = new Queue<Task<OutputCsvWriter>>(window);
        int next = 0;
        try
        {
            while (next < chunks && pending.Count < window)
            {
                pending.Enqueue(Render(rows, next++, chunkRows));
            }
            while (pending.Count > 0)
            {
                using OutputCsvWriter chunk = pending.Dequeue().GetAwaiter().GetResult();
                if (next < chunks)
                {
                    pending.Enqueue(Render(rows, next++, chunkRows));
                }
                w.Append(chunk);
            }
        }
        finally
        {
            // After a failure: let the chunks already started finish and give their buffers back.
            foreach (Task<OutputCsvWriter> left in pending)
            {
                left.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
            }
        }
        return rows.Length;
    }

    private static Task<OutputCsvWriter> Render(MatchRecord[] rows, int chunk, int chunkRows) => Task.Run(() =>
    {
        int start = chunk * chunkRows;
        OutputCsvWriter w = OutputCsvWriter.Chunk();
        WriteRows(w, rows, start, Math.Min(rows.Length, start + chunkRows));
        return w;
    });

    private static string?[] Names()
    {
        MatchRule[] values = Enum.GetValues<MatchRule>();
        var names = new string?[values.Max(v => (int)v) + 1];
        foreach (MatchRule v in values)
        {
            names[(int)v] = v.ToString();
        }
        return names;
    }

    private static string Name(MatchRule rule) =>
        (uint)rule < (uint)RuleNames.Length && RuleNames[(int)rule] is { } name ? name : rule.ToString();

    private static void WriteRows(OutputCsvWriter w, MatchRecord[] rows, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            MatchRecord m = rows[i];
            w.Text(m.AccountNo);
            w.Text(m.BankSerial);
            IReadOnlyList<string> ids = m.LedgerEntryIds;
            w.Text(ids.Count switch { 0 => "", 1 => ids[0], _ => string.Join(';', ids) });
            w.Text(Name(m.Rule));
            w.Amount(m.Amount);
            w.EndRecord();
        }
    }
}
