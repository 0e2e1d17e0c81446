using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>Literal cases for the command tests.</summary>
internal static class Cases
{
    public static readonly LocalDate Day = new(2024, 11, 6);

    /// <summary>2024-11-07 10:30:00 in Beijing.</summary>
    public static readonly Instant Morning = Instant.FromUtc(2024, 11, 7, 2, 30);

    public static Money Yuan(decimal y) => Money.FromYuan(y);

    public static (CaseSummary Summary, Discrepancy Discrepancy) Case(
        string id,
        Category category = Category.BANK_ONLY,
        Bank bank = Bank.CEB,
        EscrowType type = EscrowType.SECOND_HAND,
        decimal? bankAmount = 100m,
        decimal? ledgerAmount = null,
        int age = 1,
        string account = "38450188000123456",
        BankLine? line = null,
        IReadOnlyList<LedgerEntry>? entries = null,
        IReadOnlyList<Candidate>? candidates = null)
    {
        LocalDate firstSeen = Day.PlusDays(-age);
        Money? b = bankAmount is { } x ? Yuan(x) : null;
        Money? l = ledgerAmount is { } y ? Yuan(y) : null;
        string? serial = line?.Serial ?? (b is null ? null : "S-" + id);
        IReadOnlyList<string> entryIds = entries?.Select(e => e.EntryId).ToList() ?? (l is null ? [] : ["L-" + id]);
        var summary = new CaseSummary(id, bank, type, account, category, Direction.IN, b, l, serial, entryIds, firstSeen, Day, age, CaseStatus.OPEN, null, $"{category} {id}");
        var discrepancy = new Discrepancy(
            id, category, bank, type, account, Direction.IN, b, l, serial, entryIds, "JG2024110600031", null, firstSeen, summary.Detail,
            b is { } bb ? ProofEffect.BankSide(Direction.IN, bb) : ProofEffect.None, line, entries ?? [], candidates ?? []);
        return (summary, discrepancy);
    }

    public static FakeStore With(this FakeStore store, (CaseSummary Summary, Discrepancy Discrepancy) c, params CaseEvent[] more) =>
        store.Add(c.Summary, c.Discrepancy, [Raised(c.Summary.CaseId), .. more]);

    public static CaseEvent Raised(string id) => new(id, CaseEventKind.RAISED, Instant.FromUtc(2024, 11, 6, 23, 5), "system", null, null, "R-1", Day.PlusDays(-1));

    public static CaseEvent Person(string id, CaseEventKind kind, string by, ResolutionReason? reason = null, string? text = null) =>
        new(id, kind, Morning, by, text, reason, null, null);
}
