using Microsoft.AspNetCore.Mvc;
using Reconcile.Application;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Web.Pages.Discrepancies;

/// <summary>
/// One case: everything <c>discrepancies show</c> prints, and the actions the signed-in user's role allows. Every
/// POST goes through <see cref="CaseActions"/>, which checks the role and the maker-checker rule again: a form the
/// page did not offer (a forged POST) is refused there.
/// </summary>
public sealed class CaseModel(IReconcileStore store, CaseActions actions) : WorkbenchPage
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public CaseDetail? Detail { get; private set; }

    public CaseState? State { get; private set; }

    public StorePolicy Policy { get; private set; } = StorePolicy.Default;

    public bool CanWork => State is not null && May(Permission.Resolve) && State.IsWorkable;

    /// <summary>Match: a case that stands for open items, workable, and a person who may match.</summary>
    public bool CanMatch => State is not null && Detail is not null && May(Permission.Match) && State.IsWorkable && ManualMatch.Pairable(Detail.Discrepancy.Category);

    /// <summary>Unmatch: a case closed by a pairing, and a person who may unmatch.</summary>
    public bool CanUnmatch => State is { Status: CaseStatus.RESOLVED, Pairing: not null } && May(Permission.Unmatch);

    /// <summary>Reopen: a case resolved otherwise than by a pairing, and an approver.</summary>
    public bool CanReopen => State is { Status: CaseStatus.RESOLVED, Pairing: null } && May(Permission.Reopen);

    /// <summary>The account's open items the case may be paired with (its own first), for the Match form.</summary>
    public IReadOnlyList<OpenItem> Pairable { get; private set; } = [];

    /// <summary>The case's own items (always part of the pairing).</summary>
    public IReadOnlySet<string> OwnItems { get; private set; } = new HashSet<string>();

    /// <summary>The running sums of the items ticked so far (the Match form's summary).</summary>
    public MatchPreview? Preview { get; private set; }

    /// <summary>Approve and Reject: an approver, a pending resolution, and not the person who asked for it.</summary>
    public bool CanDecide => State?.Pending is { } p && May(Permission.Approve) && !CaseWorkflow.SamePerson(p.Maker, Actor.Name);

    public bool IsMaker => State?.Pending is { } p && CaseWorkflow.SamePerson(p.Maker, Actor.Name);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(string? to) => ActAsync(a => actions.AssignAsync(Actor, Id, to, a), o => $"assigned to {o.Event.Text}");

    public Task<IActionResult> OnPostCommentAsync(string? text) => ActAsync(a => actions.CommentAsync(Actor, Id, text, a), _ => "comment added");

    public Task<IActionResult> OnPostResolveAsync(string? reason, string? note) => ActAsync(
        a => actions.ResolveAsync(Actor, Id, reason, note, a),
        o => o.Event.Kind == CaseEventKind.RESOLUTION_REQUESTED
            ? $"resolution {o.Event.Reason} requested: the amount is at or above the approval threshold {o.Policy.Threshold}, so another person must approve it"
            : $"RESOLVED as {o.Event.Reason}");

    public Task<IActionResult> OnPostMatchAsync(string[]? items, string? difference, string? note) => ActAsync(
        a => actions.MatchAsync(Actor, Id, items ?? [], ParseDifference(difference), note, a),
        o => o.Event.Kind == CaseEventKind.RESOLUTION_REQUESTED
            ? $"pairing requested: {o.Event.Pairing!.Describe()} is at or above the approval threshold {o.Policy.Threshold}, so another person must approve it"
            : $"RESOLVED as MATCHED: {o.Event.Pairing!.Describe()}; the next run writes it to matches.csv with rule MANUAL");

    /// <summary>The Match form's running sum: bank and ledger sums of the ticked items, the difference, and whether it can be paired.</summary>
    public async Task<IActionResult> OnGetMatchPreviewAsync(string[]? items, string? difference)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Preview = MatchPreview.Of(Detail!, Pairable, items ?? [], difference);
        return Partial("_MatchPreview", Preview);
    }

    public Task<IActionResult> OnPostUnmatchAsync(string? note) => ActAsync(
        a => actions.UnmatchAsync(Actor, Id, note, a),
        o => o.Event.Kind == CaseEventKind.UNMATCH_REQUESTED
            ? $"unmatch requested: the pairing is at or above the approval threshold {o.Policy.Threshold}, so another person must approve it"
            : "unmatched: the case is REOPENED and its items are open again from the next run");

    public Task<IActionResult> OnPostReopenAsync(string? note) => ActAsync(a => actions.ReopenAsync(Actor, Id, note, a), _ => "REOPENED: listed again from the next run");

    public Task<IActionResult> OnPostApproveAsync() => ActAsync(a => actions.ApproveAsync(Actor, Id, a), o => $"approved: RESOLVED as {o.Event.Reason}");

    public Task<IActionResult> OnPostRejectAsync(string? note) => ActAsync(a => actions.RejectAsync(Actor, Id, note, a), _ => "resolution rejected: the case is OPEN again");

    private async Task<bool> LoadAsync()
    {
        Policy = await store.PolicyAsync(HttpContext.RequestAborted);
        if (await actions.GetAsync(Id, HttpContext.RequestAborted) is not { } found)
        {
            return false;
        }
        (Detail, State) = found;
        if (CanMatch)
        {
            Pairable = await actions.PairableItemsAsync(Id, HttpContext.RequestAborted);
            OwnItems = Resolutions.OpenItemIdsOf(Detail.Discrepancy);
            Preview = MatchPreview.Of(Detail, Pairable, [], null);
        }
        return true;
    }

    private static Money? ParseDifference(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return Money.TryParseYuan(text.Trim(), out Money amount)
            ? amount
            : throw new RefusedException($"difference '{text}' is not an amount in yuan (bank − ledger, e.g. 10.00 or -10.00)");
    }

    private async Task<IActionResult> ActAsync(Func<CancellationToken, Task<CaseActionOutcome>> act, Func<CaseActionOutcome, string> done)
    {
        try
        {
            CaseActionOutcome outcome = await act(HttpContext.RequestAborted);
            Flash = $"{Id}: {done(outcome)} (by {Actor.Name})";
            return Redirect($"/discrepancies/{Uri.EscapeDataString(Id)}");
        }
        catch (RefusedException e)
        {
            if (!await LoadAsync())
            {
                return NotFound();
            }
            return Refused(e.Message);
        }
    }
}
