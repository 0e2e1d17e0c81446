using Microsoft.AspNetCore.Mvc;
using Reconcile.Application;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
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

    public bool CanWork => State is not null && May(Permission.Resolve) && State.Status == CaseStatus.OPEN;

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
        return true;
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
