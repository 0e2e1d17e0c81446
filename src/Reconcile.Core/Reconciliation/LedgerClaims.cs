using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The keys entries claim when taken one by one in entry_id order (<see cref="LedgerDuplicates"/>): an entry repeating
/// the previous entry_id, or a bank_serial or payment_ref a kept entry claimed before, is noted as a repeat; the
/// others claim their keys. Nothing in the pool changes until <see cref="Commit"/>, so the pool can take entries
/// while it reads them and drop the claims if they turn out not to be in entry_id order.
/// </summary>
internal sealed class LedgerClaims
{
    private readonly Dictionary<string, int> _bySerial;
    private readonly Dictionary<string, int> _byRef;
    private List<Repeat>? _repeats;
    private string? _previousId;

    public LedgerClaims(int capacity)
    {
        _bySerial = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _byRef = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
    }

    private enum Key : byte
    {
        EntryId,
        BankSerial,
        PaymentRef,
    }

    /// <summary>Takes the entry at pool position <paramref name="e"/> (the next in entry_id order).</summary>
    public void Take(LedgerEntry[] entries, int e)
    {
        LedgerEntry entry = entries[e];
        bool sameId = string.Equals(_previousId, entry.EntryId, StringComparison.Ordinal);
        _previousId = entry.EntryId;
        if (sameId)
        {
            (_repeats ??= []).Add(new Repeat(e, -1, Key.EntryId));
            return;
        }

        // One hash per key: the serial is claimed at once and given back when the payment ref turns out repeated.
        string? serial = entry.BankSerial;
        bool claimedSerial = false;
        if (!string.IsNullOrEmpty(serial))
        {
            ref int owner = ref CollectionsMarshal.GetValueRefOrAddDefault(_bySerial, serial, out bool exists);
            if (exists)
            {
                (_repeats ??= []).Add(new Repeat(e, owner, Key.BankSerial));
                return;
            }
            owner = e;
            claimedSerial = true;
        }
        string? reference = entry.PaymentRef;
        if (!string.IsNullOrEmpty(reference))
        {
            ref int owner = ref CollectionsMarshal.GetValueRefOrAddDefault(_byRef, reference, out bool exists);
            if (exists)
            {
                (_repeats ??= []).Add(new Repeat(e, owner, Key.PaymentRef));
                if (claimedSerial)
                {
                    _bySerial.Remove(serial!);
                }
                return;
            }
            owner = e;
        }
    }

    /// <summary>
    /// Takes the carried entries <paramref name="carriedById"/>[<paramref name="next"/>..] whose entry_id is not after
    /// <paramref name="id"/> (all that are left when it is null); returns the first one not taken.
    /// </summary>
    public int TakeCarriedUpTo(LedgerEntry[] entries, int[] carriedById, int next, string? id)
    {
        while (next < carriedById.Length && (id is null || string.CompareOrdinal(entries[carriedById[next]].EntryId, id) <= 0))
        {
            Take(entries, carriedById[next++]);
        }
        return next;
    }

    /// <summary>Takes the repeats out of the pool as DUPLICATE findings, in the order taken; returns the kept keys.</summary>
    public LedgerKeys Commit(DayPool pool)
    {
        if (_repeats is not null)
        {
            LedgerEntry[] entries = pool.Entries;
            foreach (Repeat repeat in _repeats)
            {
                LedgerEntry entry = entries[repeat.Entry];
                string why = repeat.Key switch
                {
                    Key.EntryId => "the same entry_id appears again",
                    Key.BankSerial => $"bank_serial {entry.BankSerial} already on {entries[repeat.Owner].EntryId}",
                    _ => $"payment_ref {entry.PaymentRef} already on {entries[repeat.Owner].EntryId}",
                };
                pool.EntryState[repeat.Entry] = ItemState.Duplicate;
                pool.Standing.Add(Findings.LedgerDuplicate(pool, entry, why));
            }
        }
        return new LedgerKeys(_bySerial, _byRef);
    }

    /// <summary>An entry that repeated a key, and the kept entry that claimed it first (−1 for a repeated entry_id).</summary>
    private readonly record struct Repeat(int Entry, int Owner, Key Key);
}
