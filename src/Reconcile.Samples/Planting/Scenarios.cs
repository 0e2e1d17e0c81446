using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Samples.Model;
using Reconcile.Samples.Random;
using Reconcile.Samples.Writers;

namespace Reconcile.Samples.Planting;

/// <summary>
/// The planted situations: every rung of the ladder, reversals, timing, UTC timestamps and every discrepancy
/// category of DOMAIN.md, each in its own account and days (day 1–3 of the run), each with fresh contracts,
/// counterparties and amounts of its own so that no two situations can meet on a rung. Each records what
/// docs/RULES.md makes of it (open items, standing findings, matches) as it writes its rows.
/// Accounts are addressed by partition (0 CEB/SECOND_HAND, 1 CEB/RENOVATION, 2 CITIC/SECOND_HAND,
/// 3 CITIC/RENOVATION, 4 PAB/SECOND_HAND, 5 PAB/RENOVATION) and slot.
/// </summary>
internal sealed partial class Scenarios(Pcg32 plan, Func<int, int, AccountSimulator> account)
{
    private const int D1 = 0, D2 = 1, D3 = 2;

    public void PlantAll()
    {
        account(0, 0).Describe("UTC_TIMESTAMPS", D1,
            "in every account, the first ledger entry of each day (Beijing 00:10–01:30) and about a quarter of the others have created_at/settled_at in UTC (Z): "
            + "for the early ones the UTC day is the day before; accounting_date stays the Beijing day");
        ContractToken(account(0, 0));
        BankOnlyDeposit(account(0, 0));
        DuplicateBankRow(account(0, 1));
        Counterparty(account(0, 1));
        MissingStatement(account(0, 2));
        Batch(account(1, 0));
        Ambiguous(account(1, 0));
        DirectionMismatch(account(1, 1));
        SubAccount(account(2, 0));
        WrongSubAccount(account(2, 0));
        LedgerOnly(account(2, 1));
        RunningBalanceBreak(account(2, 1));
        LatePayoutClears(account(2, 2));
        StatusMismatch(account(3, 0));
        BatchAmountMismatch(account(3, 0));
        Reversal(account(3, 1));
        LateEveningDeposit(account(4, 0));
        AmountMismatchByPaymentRef(account(4, 1));
        BankOnlyFee(account(4, 1));
        AmountMismatchBySubAccount(account(5, 0));
        DuplicateLedgerEntry(account(5, 0));
        OpeningBreak(account(5, 1));

        // Planted last, so that the situations above keep their amounts, parties and contract numbers.
        SplitDeposit(account(2, 2));
        AmbiguousSplit(account(3, 0));
        PartialDeposit(account(3, 0));
        PartialPayoutOverTwoDays(account(3, 1));
        ShortInstalments(account(2, 0));
    }

    // ---- Helpers ----

    /// <summary>An amount just above <paramref name="yuan"/> with random fen: every situation has its own thousands, so no two meet.</summary>
    private long Amount(long yuan) => yuan * 100 + plan.Between(0L, 999_99L);

    private static int T(int h, int m, int s) => (h * 3600) + (m * 60) + s;

    private static List<string> Sorted(IEnumerable<string> ids) => ids.OrderBy(x => x, StringComparer.Ordinal).ToList();

    private static void Match(AccountSimulator s, string serial, IEnumerable<string> ids, MatchRule rule, long amountFen) =>
        s.Truth.Matches.Add(new MatchFact(s.Day, serial, Sorted(ids), rule, amountFen));

    private static void Open(AccountSimulator s, OpenSide side, string key, Direction direction, long amountFen, int? cleared, bool ambiguous = false) =>
        s.Truth.OpenItems.Add(new OpenItemFact(side, key, direction, amountFen, s.Day, cleared, ambiguous));

    private static void Standing(AccountSimulator s, Category category, string? serial, IEnumerable<string> ids, Direction? direction,
        long? bankFen, long? ledgerFen, ProofEffect effect, string extra = "") =>
        s.Truth.Standing.Add(new StandingFact(category, serial, Sorted(ids), direction, bankFen, ledgerFen, s.Day, effect, extra));
}
