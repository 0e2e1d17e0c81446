using Reconcile.Core.Cases;

namespace Reconcile.Engine.Store;

/// <summary>Commit a run (answered with <see cref="StoreAck"/> or a Status.Failure).</summary>
public sealed record CommitRunCommand(RunCommit Commit);

/// <summary>Append a person's case event (answered with <see cref="StoreAck"/> or a Status.Failure).</summary>
/// <param name="Opening">Undoing an automatic pair: the case and the ladder's pair recorded first (see <see cref="CaseOpening"/>).</param>
public sealed record AppendCaseEventCommand(CaseEvent Event, CaseOpening? Opening = null);

/// <summary>Append a change to the users or the policy (answered with <see cref="StoreAck"/> or a Status.Failure).</summary>
public sealed record AppendAccessEventCommand(Reconcile.Core.Access.AccessEvent Event);

/// <summary>Answered with <see cref="StoreReady"/> once the actor has recovered and the read model has caught up.</summary>
public sealed record StoreReadyQuery
{
    public static readonly StoreReadyQuery Instance = new();
}

/// <summary>The journal record that holds the write.</summary>
public sealed record StoreAck(long SequenceNr);

/// <param name="SequenceNr">The last journal record.</param>
/// <param name="CaughtUp">How many records the read model applied on start (more than 0 after a crash between a
/// journal write and its projection).</param>
public sealed record StoreReady(long SequenceNr, int CaughtUp);

/// <summary>Settings of the store actor.</summary>
/// <param name="CaseEventsPerSnapshot">A snapshot is saved after every committed run and after this many other records.</param>
public sealed record StoreActorSettings(int CaseEventsPerSnapshot = 100)
{
    public static readonly StoreActorSettings Default = new();

    /// <summary>Fault injection for tests: persist, then skip the projection as if the process died in between.</summary>
    internal bool SkipProjection { get; init; }
}

/// <summary>The write reached the journal but the read model could not be updated; it catches up on the next start.</summary>
public sealed class StoreProjectionException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Another writer took the record's sequence number first (another process on the same store): nothing was
/// stored; the writer restarts from the journal and the write may be tried again.
/// </summary>
public sealed class StoreConflictException(string message, Exception inner) : Exception(message, inner);

/// <summary>A person's case event no longer fits the case or the account as stored (someone acted on it meanwhile, or
/// the decision would leave the proof wrong): nothing was stored.</summary>
public sealed class CaseChangedException(string message) : Exception(message);
