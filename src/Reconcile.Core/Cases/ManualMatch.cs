using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Cases;

/// <summary>The pairing a person asked for, or why it cannot be made.</summary>
public sealed record PairingPlan(Pairing? Pairing, string? Refusal);

/// <summary>
/// Manual match and unmatch (pure): what a person may pair, and what pairing and undoing it do to an account's
/// carried state. A pairing takes the items out of the open items (their BANK_ONLY / LEDGER_ONLY / AMBIGUOUS
/// findings are no longer listed), keeps it in <see cref="AccountState.ManualPairs"/> until the next run writes it
/// as MANUAL matches, and, when the sums differ by a difference the person named, leaves an AMOUNT_MISMATCH
/// standing for it. Unmatching puts the items back as open items with their first-seen days.
/// </summary>
public static class ManualMatch
{
    /// <summary>The categories whose case stands for open items that can be paired.</summary>
    public static bool Pairable(Category category) => category is Category.BANK_ONLY or Category.LEDGER_ONLY or Category.AMBIGUOUS;

    /// <param name="main">The discrepancy of the case the pairing is decided on.</param>
    /// <param name="state">The account's latest carried state.</param>
    /// <param name="with">The counter-items: "L:entry" / "B:serial", or a bare entry id or bank serial.</param>
    /// <param name="namedDifference">The difference (bank − ledger) the person accepts, when the sums differ.</param>
    public static PairingPlan Plan(Discrepancy main, AccountState state, IReadOnlyList<string> with, Money? namedDifference)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(with);
        if (!Pairable(main.Category))
        {
            return Refuse($"case {main.Id} is {main.Category}: only BANK_ONLY, LEDGER_ONLY and AMBIGUOUS cases stand for open items to pair (resolve this one instead)");
        }
        var open = new Dictionary<string, OpenItem>(StringComparer.Ordinal);
        foreach (OpenItem item in state.OpenItems)
        {
            open.TryAdd(item.ItemId, item);
        }
        var items = new List<OpenItem>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in Resolutions.OpenItemIdsOf(main).Order(StringComparer.Ordinal))
        {
            if (!open.TryGetValue(id, out OpenItem? item))
            {
                return Refuse($"{id} of case {main.Id} is no longer open (matched or resolved since); nothing to pair");
            }
            items.Add(item);
            taken.Add(id);
        }
        if (with.Count == 0)
        {
            return Refuse("--with must name at least one counter-item (a ledger entry id or a bank serial of the same account)");
        }
        foreach (string token in with)
        {
            (OpenItem? found, string? refusal) = Find(token, open, main.AccountNo);
            if (found is not { } item)
            {
                return Refuse(refusal!);
            }
            if (!taken.Add(item.ItemId))
            {
                return Refuse($"{item.ItemId} is named twice (or is the case's own item)");
            }
            items.Add(item);
        }
        items = [.. items.Where(i => i.Side == OpenSide.Bank), .. items.Where(i => i.Side == OpenSide.Ledger)];
        if (!items.Exists(i => i.Side == OpenSide.Bank) || !items.Exists(i => i.Side == OpenSide.Ledger))
        {
            string missing = items.Exists(i => i.Side == OpenSide.Bank) ? "ledger entry" : "bank line";
            return Refuse($"a pair needs both sides: add at least one {missing} of account {main.AccountNo} with --with");
        }
        Direction direction = items[0].Direction;
        if (items.Find(i => i.Direction != direction) is { } other)
        {
            return Refuse($"directions disagree: {items[0].ItemId} is {direction}, {other.ItemId} is {other.Direction}; only items of one direction pair");
        }
        var pairing = new Pairing(main.Id, main.AccountNo, items, null);
        Money difference = pairing.Difference;
        if (difference.IsZero)
        {
            return namedDifference is { IsZero: false } named
                ? Refuse($"the sums agree (bank {pairing.BankSum} = ledger {pairing.LedgerSum}); there is no difference of {named} to keep")
                : new PairingPlan(pairing, null);
        }
        if (namedDifference != difference)
        {
            string told = namedDifference is { } n ? $"; --difference {n} does not say so" : "";
            return Refuse(
                $"the sums disagree: bank {pairing.BankSum} ≠ ledger {pairing.LedgerSum}, a difference of {difference} (bank − ledger){told}. " +
                $"Pass --difference {difference} to pair them and keep an AMOUNT_MISMATCH of {difference.Abs()} open, or choose other items");
        }
        return new PairingPlan(pairing with { DifferenceFinding = DifferenceFinding(main, pairing) }, null);
    }

    /// <summary>
    /// The paired items that are open in <paramref name="state"/> already, or wait there in a pairing made by hand
    /// since (empty: undoing the pair can take effect). The inverse of <see cref="Missing"/>.
    /// </summary>
    public static IReadOnlyList<string> NotClosed(AccountState state, Pairing pairing)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pairing);
        var taken = state.OpenItems.Select(i => i.ItemId)
            .Concat(state.Pairings.Where(p => p.CaseId != pairing.CaseId).SelectMany(p => p.Items).Select(i => i.ItemId))
            .ToHashSet(StringComparer.Ordinal);
        return pairing.Items.Where(i => taken.Contains(i.ItemId)).Select(i => i.ItemId).ToList();
    }

    /// <summary>The paired items no longer open in <paramref name="state"/> (empty: the pairing can take effect).</summary>
    public static IReadOnlyList<string> Missing(AccountState state, Pairing pairing)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pairing);
        var open = state.OpenItems.Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
        return pairing.Items.Where(i => !open.Contains(i.ItemId)).Select(i => i.ItemId).ToList();
    }

    /// <summary>
    /// The state with the pairing taken: the items leave the open items, the pairing waits for the next run, the
    /// named difference stands. Unchanged when the pairing is already there or an item is no longer open.
    /// </summary>
    public static AccountState Apply(AccountState state, Pairing pairing)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pairing);
        if (state.Pairings.Any(p => p.CaseId == pairing.CaseId) || Missing(state, pairing).Count > 0)
        {
            return state;
        }
        var ids = pairing.Items.Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<Discrepancy> standing = state.Standing;
        if (pairing.DifferenceFinding is { } difference && !standing.Any(d => d.Id == difference.Id))
        {
            standing = [.. standing, difference];
        }
        return state with
        {
            OpenItems = state.OpenItems.Where(i => !ids.Contains(i.ItemId)).ToList(),
            Standing = standing,
            ManualPairs = [.. state.Pairings, pairing],
        };
    }

    /// <summary>
    /// The state with the pairing undone: a pairing no run has written yet is dropped; the items are open again
    /// (with their first-seen days) and the named difference no longer stands. The items of an automatic pair come
    /// back <see cref="OpenItem.Held"/>: the ladder would pair them the same way again.
    /// </summary>
    public static AccountState Undo(AccountState state, Pairing pairing)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pairing);
        var open = state.OpenItems.Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
        List<OpenItem> items =
        [
            .. state.OpenItems,
            .. pairing.Items.Where(i => !open.Contains(i.ItemId)).Select(i => pairing.IsAutomatic ? i with { Held = true } : i),
        ];
        List<Pairing> pending = state.Pairings.Where(p => p.CaseId != pairing.CaseId).ToList();
        string? differenceId = pairing.DifferenceFinding?.Id;
        return state with
        {
            OpenItems = items,
            Standing = state.Standing.Where(d => d.Id != differenceId).ToList(),
            ManualPairs = pending.Count == 0 ? null : pending,
        };
    }

    /// <summary>The MANUAL rows a run writes for a pairing: one per bank line, each naming every paired entry.</summary>
    public static IEnumerable<MatchRecord> Matches(Pairing pairing)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        string[] entryIds = pairing.LedgerItems.Select(i => i.Entry!.EntryId).Order(StringComparer.Ordinal).ToArray();
        return pairing.BankItems.Select(i => new MatchRecord(pairing.AccountNo, i.BankLine!.Serial, entryIds, MatchRule.MANUAL, i.Amount));
    }

    private static (OpenItem? Item, string? Refusal) Find(string token, Dictionary<string, OpenItem> open, string accountNo)
    {
        string t = token.Trim();
        if (t.Length == 0)
        {
            return (null, "--with names an empty item");
        }
        if (t.StartsWith("B:", StringComparison.Ordinal) || t.StartsWith("L:", StringComparison.Ordinal))
        {
            return open.TryGetValue(t, out OpenItem? exact)
                ? (exact, null)
                : (null, $"{t} is not an open item of account {accountNo} (closed, of another account, or unknown)");
        }
        bool isLine = open.TryGetValue("B:" + t, out OpenItem? line);
        bool isEntry = open.TryGetValue("L:" + t, out OpenItem? entry);
        return (isLine, isEntry) switch
        {
            (true, true) => (null, $"'{t}' is both a bank serial and a ledger entry id of account {accountNo}: write B:{t} or L:{t}"),
            (true, false) => (line, null),
            (false, true) => (entry, null),
            _ => (null, $"'{t}' is not an open item of account {accountNo}: neither an open ledger entry id nor an open bank serial (closed, of another account, or unknown)"),
        };
    }

    private static Discrepancy DifferenceFinding(Discrepancy main, Pairing pairing)
    {
        Money difference = pairing.Difference;
        Direction direction = pairing.Items[0].Direction;
        bool bankLarger = !difference.IsNegative;
        ProofEffect effect = bankLarger ? ProofEffect.BankSide(direction, difference.Abs()) : ProofEffect.LedgerSide(direction, difference.Abs());
        string[] serials = pairing.BankItems.Select(i => i.BankLine!.Serial).Order(StringComparer.Ordinal).ToArray();
        string[] entryIds = pairing.LedgerItems.Select(i => i.Entry!.EntryId).Order(StringComparer.Ordinal).ToArray();
        string serialKey = string.Join(';', serials);
        BankLine firstLine = pairing.BankItems.First().BankLine!;
        LedgerEntry[] entries = pairing.LedgerItems.Select(i => i.Entry!).ToArray();
        string detail = $"MANUAL: bank {pairing.BankSum} ({serialKey}) ≠ ledger {pairing.LedgerSum} ({string.Join(';', entryIds)}); " +
            $"{(bankLarger ? "bank" : "ledger")} larger by {difference.Abs()} (paired by hand on case {main.Id})";
        return new Discrepancy(
            DiscrepancyId.For(Category.AMOUNT_MISMATCH, main.AccountNo, serialKey, entryIds, "MANUAL"),
            Category.AMOUNT_MISMATCH,
            main.Bank,
            main.Type,
            main.AccountNo,
            direction,
            pairing.BankSum,
            pairing.LedgerSum,
            serialKey,
            entryIds,
            entries.Length == 1 ? entries[0].ContractNo : firstLine.ContractNo,
            entries.Length == 1 ? entries[0].SubAccountNo : firstLine.SubAccountNo,
            pairing.Items.Min(i => i.FirstSeen),
            detail,
            effect,
            firstLine,
            entries,
            []);
    }

    private static PairingPlan Refuse(string why) => new(null, why);
}
