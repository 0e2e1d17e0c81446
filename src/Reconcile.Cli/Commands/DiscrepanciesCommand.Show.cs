using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;
using Spectre.Console;
using Spectre.Console.Rendering;
using static Reconcile.Application.CaseDisplay;

namespace Reconcile.Cli.Commands;

public sealed partial class DiscrepanciesCommand
{
    public async Task<int> ShowAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? storeOption = cmd.Optional("store");
        cmd.EnsureAllUsed();
        CaseDetail? detail;
        await using (IStoreSession session = await _ctx.OpenExistingStoreAsync(storeOption, ct).ConfigureAwait(false))
        {
            detail = await session.Store.GetCaseAsync(id, ct).ConfigureAwait(false);
        }
        if (detail is null)
        {
            return _ctx.Refuse("discrepancies show", $"unknown case id '{id}' (see `reconcile discrepancies list --status all`)");
        }
        foreach (IRenderable part in Render(detail))
        {
            _ctx.Console.Write(part);
            _ctx.Console.WriteLine();
        }
        return ExitCodes.Ok;
    }

    private static IEnumerable<IRenderable> Render(CaseDetail detail)
    {
        CaseSummary s = detail.Summary;
        Discrepancy d = detail.Discrepancy;
        CaseState state = CaseState.Fold(detail.Timeline) ?? CaseState.Raised(s.CaseId);

        var head = new Grid().AddColumn().AddColumn();
        head.AddRow(new Text("case"), new Text($"{s.CaseId}  {s.Category} ({CategoryLabel(s.Category)})"));
        head.AddRow(new Text("status"), new Text(StatusLine(s, state)));
        head.AddRow(new Text("account"), new Text($"{s.AccountNo}  {s.Bank} {s.Type}"));
        head.AddRow(new Text("direction"), new Text(s.Direction?.ToString() ?? "(account-level finding)"));
        head.AddRow(new Text("amounts"), new Text($"bank {s.BankAmount?.ToString() ?? "—"}   ledger {s.LedgerAmount?.ToString() ?? "—"}"));
        head.AddRow(new Text("seen"), new Text($"first {Iso(s.FirstSeen)}, last {Iso(s.LastSeen)}, age {s.AgeDays} day(s)"));
        if (d.ContractNo is not null || d.SubAccountNo is not null)
        {
            head.AddRow(new Text("contract"), new Text($"{d.ContractNo ?? "—"}   sub-account {d.SubAccountNo ?? "—"}"));
        }
        head.AddRow(new Text("proof effect"), new Text(EffectLine(d.Effect)));
        head.AddRow(new Text("detail"), new Text(s.Detail));
        yield return head;

        yield return new Rule("Bank side (银行)").LeftJustified();
        yield return d.BankLine is { } line ? BankLineGrid(line) : new Text(d.BankSerial is null ? "no bank line" : $"bank serial {d.BankSerial} (line not kept)");

        yield return new Rule("Ledger side (企业)").LeftJustified();
        if (d.Entries.Count == 0)
        {
            yield return new Text(s.LedgerEntryIds.Count == 0 ? "no ledger entry" : "entries " + string.Join(", ", s.LedgerEntryIds));
        }
        else
        {
            yield return EntriesTable(d.Entries);
        }

        yield return new Rule("Candidates the ladder considered (候选)").LeftJustified();
        if (d.Candidates.Count == 0)
        {
            yield return new Text("none");
        }
        else
        {
            var candidates = new Table().Border(TableBorder.Simple);
            candidates.AddColumn("rung");
            candidates.AddColumn("item");
            candidates.AddColumn(new TableColumn("amount").RightAligned());
            candidates.AddColumn("why not taken");
            foreach (Candidate c in d.Candidates)
            {
                candidates.AddRow(new Text(c.Rung), new Text(c.ItemId), new Text(c.Amount.ToString()), new Text(c.Reason));
            }
            yield return candidates;
        }

        yield return new Rule("Timeline (Asia/Shanghai)").LeftJustified();
        var timeline = new Table().Border(TableBorder.Simple);
        timeline.AddColumn("when");
        timeline.AddColumn("who");
        timeline.AddColumn("what");
        timeline.AddColumn("why / note");
        foreach (CaseEvent e in detail.Timeline)
        {
            timeline.AddRow(new Text(BeijingTime(e.At)), new Text(e.ByForHistory), new Text(What(e)), new Text(Why(e)));
        }
        yield return timeline;
    }

    private static Grid BankLineGrid(BankLine l)
    {
        var g = new Grid().AddColumn().AddColumn();
        g.AddRow(new Text("serial"), new Text(l.Serial));
        string time = l.TransactionTime is { } t ? " " + LocalDateTimePattern.CreateWithInvariantCulture("HH:mm:ss").Format(t) : "";
        g.AddRow(new Text("booked"), new Text(Iso(l.BookingDate) + time));
        g.AddRow(new Text("amount"), new Text($"{l.Direction} {l.Amount}   balance after {l.BalanceAfter}"));
        g.AddRow(new Text("counterparty"), new Text(Join(l.CounterpartyName, l.CounterpartyAccount, l.CounterpartyBank)));
        g.AddRow(new Text("summary / memo"), new Text(Join(l.Summary, l.Memo)));
        g.AddRow(new Text("references"), new Text(Join(
            Labelled("sub-account", l.SubAccountNo), Labelled("payment ref", l.PaymentRef), Labelled("batch", l.BatchId),
            Labelled("contract", l.ContractNo), Labelled("reverses", l.ReversalOf))));
        g.AddRow(new Text("source"), new Text($"{l.Source.File}, line {l.Source.Line}"));
        return g;
    }

    private static Table EntriesTable(IReadOnlyList<LedgerEntry> entries)
    {
        var t = new Table().Border(TableBorder.Simple);
        t.AddColumn("entry");
        t.AddColumn("kind");
        t.AddColumn(new TableColumn("amount").RightAligned());
        t.AddColumn("status");
        t.AddColumn("accounting day");
        t.AddColumn("contract / sub-account");
        t.AddColumn("references");
        t.AddColumn("counterparty");
        t.AddColumn("source");
        foreach (LedgerEntry e in entries)
        {
            t.AddRow(
                new Text(e.EntryId),
                new Text(e.Kind.ToString()),
                new Text(e.Amount.ToString()),
                new Text(e.Status.ToString()),
                new Text(Iso(e.AccountingDate)),
                new Text(Join(e.ContractNo, e.SubAccountNo)),
                new Text(Join(Labelled("payment ref", e.PaymentRef), Labelled("bank serial", e.BankSerial), Labelled("batch", e.BatchId))),
                new Text(Join(e.CounterpartyName, e.CounterpartyAccount)),
                new Text($"{e.Source.File}, line {e.Source.Line}"));
        }
        return t;
    }
}
