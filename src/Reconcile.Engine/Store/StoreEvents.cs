using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Store;

/// <summary>The two kinds of journal record (the byte stored in each record's header).</summary>
public enum StoreEventKind : byte
{
    RunCommitted = 1,
    CaseEventRecorded = 2,
    AccessChanged = 3,
}

/// <summary>
/// One committed run, whole: the run record, every account's result with its next state, and what the run did to
/// the cases (one list of ids per kind instead of one event per case). Results whose discrepancy a person had
/// already resolved carry the resolution re-applied to their <see cref="AccountDayResult.Next"/> state
/// (<see cref="RunCaseEffects.KeptResolved"/>).
/// </summary>
public sealed record RunCommitted(RunRecord Run, IReadOnlyList<AccountDayResult> Results, RunCaseEffects Cases);

/// <summary>
/// What a run did to the cases, all at <see cref="At"/> by "system" with the run's id and business day.
/// </summary>
/// <param name="Raised">Ids listed for the first time (RAISED).</param>
/// <param name="SeenAgain">Ids of known cases listed again (SEEN_AGAIN; a case that had cleared and is listed
/// by a later day opens again, see <see cref="CaseState.Apply"/>).</param>
/// <param name="AutoCleared">Ids the results say cleared by themselves (AUTO_CLEARED).</param>
/// <param name="KeptResolved">Ids listed again although resolved (a re-run of an earlier day): they stay
/// RESOLVED and their resolution was applied again to the run's next state.</param>
/// <param name="Superseded">Ids of open cases that an earlier run of this business day listed, that no later day
/// listed, and that this run no longer lists (SUPERSEDED): the re-run replaced that day's findings. Null (left out
/// of the record) when there are none, so the records of runs that supersede nothing are as before.</param>
public sealed record RunCaseEffects(
    Instant At,
    IReadOnlyList<string> Raised,
    IReadOnlyList<string> SeenAgain,
    IReadOnlyList<string> AutoCleared,
    IReadOnlyList<string> KeptResolved,
    IReadOnlyList<string>? Superseded = null);

/// <summary>
/// A person's action on a case. When it makes a decision take effect (a resolution, a pairing, an unmatch, a reopening),
/// <see cref="Effect"/> holds the account's state after it, so replaying the journal never depends on the code that computed it.
/// </summary>
/// <param name="Related">Events the same decision makes on other cases, in the same record: a pairing closes the cases
/// of the other items it pairs (RESOLVED, MATCHED) and an unmatch reopens them and supersedes the pairing's
/// difference finding.</param>
/// <param name="Opening">When the action undoes a pair the ladder made (<c>matches unmatch</c>): the case it opens for
/// the bank line and the system event recording the ladder's pair, applied before <paramref name="Event"/>.</param>
public sealed record CaseEventRecorded(
    CaseEvent Event,
    string AccountNo,
    ResolutionEffect? Effect,
    IReadOnlyList<CaseEvent>? Related = null,
    CaseOpening? Opening = null);

/// <summary>
/// What undoing an automatic pair records before the person's event: the case of the bank line — new
/// (<see cref="NewCase"/>, inserted as the ladder would have listed the line) or known and closed (an earlier finding of
/// the line that cleared) — and the ladder's pair as a system event (RESOLVED, MATCHED, with the pairing). Kept whole in
/// the record, so replaying the journal never recomputes the day.
/// </summary>
/// <param name="NewCase">The case's discrepancy when the case is new; null when it is known.</param>
/// <param name="Paired">The system event: RESOLVED by "system", reason MATCHED, the run's id and day, the pairing.</param>
public sealed record CaseOpening(Discrepancy? NewCase, CaseEvent Paired);

/// <summary>The account-day whose carried state a resolution changed, and that state afterwards.</summary>
public sealed record ResolutionEffect(LocalDate BusinessDate, AccountState StateAfter);
