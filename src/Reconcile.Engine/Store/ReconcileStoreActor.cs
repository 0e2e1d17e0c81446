using System.Data.Common;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using NodaTime;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Store;

/// <summary>
/// The store's single writer (persistence id <c>reconcile-store</c>). Each write is one journal record: a whole
/// run (<see cref="RunCommitted"/>) or one case action (<see cref="CaseEventRecorded"/>), serialized by the store
/// itself to bytes and chained by SHA-256 (<see cref="ChainRecord"/>). Right after a record is persisted it is
/// projected into the read-model tables; on start the read model catches up with records it missed. Snapshots
/// hold the chain head only, so recovery reads the latest snapshot and the few records after it.
/// </summary>
public sealed class ReconcileStoreActor : ReceivePersistentActor
{
    private readonly StoreDatabase _db;
    private readonly ReadModel _reads;
    private readonly Projector _projector;
    private readonly IClock _clock;
    private readonly StoreActorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private byte[] _lastHash = ChainRecord.GenesisHash;
    private long _lastHashSeq;
    private long _recordsSinceSnapshot;
    private int _caughtUp;
    private bool _projectionBehind;
    private IActorRef _pendingSender = ActorRefs.Nobody;

    public ReconcileStoreActor(StoreDatabase db, IClock clock, StoreActorSettings settings)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _reads = new ReadModel(db);
        _projector = new Projector(db, _reads);

        Recover<SnapshotOffer>(offer =>
        {
            var snapshot = StoreJson.FromUtf8<StoreSnapshot>((byte[])offer.Snapshot);
            _lastHash = Convert.FromHexString(snapshot.LastHash);
            _lastHashSeq = snapshot.SequenceNr;
        });
        Recover<byte[]>(bytes =>
        {
            ChainRecord record = ChainRecord.Parse(bytes);
            _lastHash = record.Hash;
            _lastHashSeq = record.SequenceNr;
            _recordsSinceSnapshot++;
        });
        Recover<RecoveryCompleted>(_ =>
        {
            ChainHeadAfterReplay();
            CatchUp();
        });
        Writing();
    }

    public override string PersistenceId => StoreDatabase.PersistenceId;

    public static Props Props(StoreDatabase db, IClock clock, StoreActorSettings? settings = null) =>
        Akka.Actor.Props.Create(() => new ReconcileStoreActor(db, clock, settings ?? StoreActorSettings.Default));

    private void Writing()
    {
        Command<CommitRunCommand>(Commit);
        Command<AppendCaseEventCommand>(Append);
        Command<AppendAccessEventCommand>(AppendAccess);
        Command<StoreReadyQuery>(_ => Sender.Tell(new StoreReady(LastSequenceNr, _caughtUp)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("store snapshot failed: {0}", f.Cause.Message));
    }

    /// <summary>While a snapshot is written nothing else writes: SQLite allows one writer at a time.</summary>
    private void SavingSnapshot()
    {
        Command<SaveSnapshotSuccess>(_ =>
        {
            _recordsSinceSnapshot = 0;
            Stash.UnstashAll();
            Become(Writing);
        });
        Command<SaveSnapshotFailure>(f =>
        {
            _log.Warning("store snapshot failed: {0}", f.Cause.Message);
            Stash.UnstashAll();
            Become(Writing);
        });
        CommandAny(_ => Stash.Stash());
    }

    /// <summary>
    /// Recovery replays the records and then asks the journal for its highest sequence number; another process may
    /// append between the two, so the writer would go on at that number with the hash of an older record and break the
    /// chain. The records replay did not see are read here, so the next record links to the one before it.
    /// </summary>
    private void ChainHeadAfterReplay()
    {
        if (LastSequenceNr <= _lastHashSeq)
        {
            return;
        }
        foreach (JournalRow row in JournalReader.Read(_db, _lastHashSeq))
        {
            if (row.SequenceNr > LastSequenceNr)
            {
                break;
            }
            _lastHash = ChainRecord.Parse(row.Message).Hash;
            _lastHashSeq = row.SequenceNr;
        }
    }

    private void CatchUp()
    {
        try
        {
            _caughtUp += _projector.CatchUp(LastSequenceNr);
            _projectionBehind = false;
        }
#pragma warning disable CA1031 // reported on the next write; the journal is intact
        catch (Exception e)
        {
            _projectionBehind = true;
            _log.Warning("store read model could not catch up: {0}", e.Message);
        }
#pragma warning restore CA1031
    }

    private void EnsureCaughtUp()
    {
        if (_projectionBehind)
        {
            _caughtUp += _projector.CatchUp(LastSequenceNr);
            _projectionBehind = false;
        }
    }

    private void Commit(CommitRunCommand command) =>
        PlanAndPersist(StoreEventKind.RunCommitted, () => Plan(command.Commit), ev => ev.Run.RunId, StoreJson.ToUtf8);

    private void Append(AppendCaseEventCommand command) =>
        PlanAndPersist(StoreEventKind.CaseEventRecorded, () => Plan(command.Event, command.Opening), ev => ev.Event.CaseId, StoreJson.ToUtf8);

    private void AppendAccess(AppendAccessEventCommand command) =>
        PlanAndPersist(StoreEventKind.AccessChanged, () => Plan(command.Event), ev => ev.User ?? ev.Setting ?? ev.Kind.ToString(), StoreJson.ToUtf8);

    /// <summary>Plans the event, chains it to the last record and persists it; a refusal goes back to the sender.</summary>
    private void PlanAndPersist<TEvent>(StoreEventKind kind, Func<TEvent> plan, Func<TEvent, string> id, Func<TEvent, byte[]> serialize)
        where TEvent : notnull
    {
        ChainRecord record;
        TEvent ev;
        try
        {
            EnsureCaughtUp();
            ev = plan();
            record = ChainRecord.Create(kind, LastSequenceNr + 1, id(ev), serialize(ev), _lastHash);
        }
#pragma warning disable CA1031 // every refusal goes back to the caller
        catch (Exception e)
        {
            Sender.Tell(new Status.Failure(e));
            return;
        }
#pragma warning restore CA1031
        PersistRecord(record, ev);
    }

    private void PersistRecord(ChainRecord record, object decoded)
    {
        _pendingSender = Sender;
        Persist(record.Bytes, _ =>
        {
            IActorRef sender = _pendingSender;
            _pendingSender = ActorRefs.Nobody;
            _lastHash = record.Hash;
            _lastHashSeq = record.SequenceNr;
            _recordsSinceSnapshot++;
            if (_settings.SkipProjection)
            {
                sender.Tell(new StoreAck(record.SequenceNr));
                return;
            }
            try
            {
                _projector.Apply(record, decoded);
                sender.Tell(new StoreAck(record.SequenceNr));
            }
#pragma warning disable CA1031 // the record is safe in the journal; the read model catches up later
            catch (Exception e)
            {
                _projectionBehind = true;
                sender.Tell(new Status.Failure(new StoreProjectionException(
                    $"{record.Describe()} is stored, but the read model could not be updated ({e.Message}); it catches up on the next start", e)));
            }
#pragma warning restore CA1031
            if (record.Kind == StoreEventKind.RunCommitted || _recordsSinceSnapshot >= _settings.CaseEventsPerSnapshot)
            {
                SaveSnapshot(StoreJson.ToUtf8(new StoreSnapshot(record.SequenceNr, record.HashHex)));
                Become(SavingSnapshot);
            }
        });
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The journal's only constraint a healthy store can hit is (persistence_id, sequence_number): another
        // writer was first. Every write failure is reported as a conflict: the writer stops, a fresh one recovers
        // from the journal, and the caller tries again against it (a real outage fails those retries too).
        _pendingSender.Tell(new Status.Failure(new StoreConflictException($"the store could not write record #{sequenceNr}: {cause.Message}", cause)));
        _pendingSender = ActorRefs.Nobody;
        // Expected when another process writes the same store (StoreWriterSupervisor retries): not an error to print.
        _log.Debug("record #{0} not written ({1}); the writer stops and a fresh one recovers", sequenceNr, cause.Message);
        Context.Stop(Self);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _pendingSender.Tell(new Status.Failure(new InvalidOperationException($"the store refused record #{sequenceNr}: {cause.Message}", cause)));
        _pendingSender = ActorRefs.Nobody;
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    /// <summary>
    /// What committing the run does to the cases: RAISED for ids never seen, SEEN_AGAIN for known ones,
    /// AUTO_CLEARED for open ones the results say cleared, SUPERSEDED for open ones whose latest listing is this
    /// business day (an earlier run of it) and that this run no longer lists; a resolved case listed again (a
    /// re-run of an earlier day) stays resolved and its resolution is applied again to the result's next state.
    /// </summary>
    private RunCommitted Plan(RunCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.Run);
        RunRecord run = commit.Run;
        if (string.IsNullOrWhiteSpace(run.RunId))
        {
            throw new ArgumentException("a run needs a run id");
        }
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (AccountDayResult r in commit.Results)
        {
            if (r.BusinessDate != run.BusinessDate)
            {
                throw new ArgumentException($"result of account {r.Account.AccountNo} is for {r.BusinessDate}, the run for {run.BusinessDate}");
            }
            if (!accounts.Add(r.Account.AccountNo))
            {
                throw new ArgumentException($"account {r.Account.AccountNo} has two results in run {run.RunId}");
            }
        }
        if (_reads.RunExists(run.RunId))
        {
            throw new InvalidOperationException($"run {run.RunId} is already committed");
        }
        // Thread order of the caller must not change the record: results in account order.
        // The pairs are not kept: matches.csv (hashed in the manifest) records them, and they follow from the
        // inputs (hashed in the run record). On a busy day they are most of the result's bytes. What later days need of
        // them — the hashes of the serials and refs matched (AccountDayResult.Matched, 8 bytes each) — is kept.
        List<AccountDayResult> ordered = commit.Results.OrderBy(r => r.Account.AccountNo, StringComparer.Ordinal).ToList();
        run = run with { Counts = ordered.Select(AccountRunCounts.Of).ToList() };
        List<AccountDayResult> results = ordered.Select(r => r.Matches.Count == 0 ? r : r with { Matches = [] }).ToList();
        var listedIds = results.SelectMany(r => r.Discrepancies.Select(d => d.Id)).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, CaseRow> rows;
        List<string> listedLastOnDay;
        using (DbConnection c = _db.Open())
        {
            rows = _reads.CaseRows(c, null, listedIds.Concat(results.SelectMany(r => r.Cleared)));
            listedLastOnDay = _reads.OpenListedLastOn(c, null, results.Select(r => r.Account.AccountNo).ToHashSet(StringComparer.Ordinal), run.BusinessDate);
        }
        var raised = new List<string>();
        var seenAgain = new List<string>();
        var autoCleared = new List<string>();
        var keptResolved = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < results.Count; i++)
        {
            AccountDayResult result = results[i];
            AccountState next = result.Next;
            foreach (Discrepancy d in result.Discrepancies)
            {
                if (!done.Add(d.Id))
                {
                    continue;
                }
                if (!rows.TryGetValue(d.Id, out CaseRow? row))
                {
                    raised.Add(d.Id);
                    continue;
                }
                seenAgain.Add(d.Id);
                CaseState after = row.State.Apply(Projector.SystemEvent(d.Id, CaseEventKind.SEEN_AGAIN, Instant.MinValue, run, run.BusinessDate));
                if (after.Status == CaseStatus.RESOLVED && after.Resolution is { } reason)
                {
                    keptResolved.Add(d.Id);
                    // A pair the ladder made is in no state to apply again (the run's ladder decides it afresh).
                    next = after.Pairing is { } pairing
                        ? pairing.IsAutomatic ? next : ManualMatch.Apply(next, pairing)
                        : Resolutions.Apply(next, d, reason);
                }
            }
            foreach (string id in result.Cleared)
            {
                if (!listedIds.Contains(id) && done.Add(id) && rows.TryGetValue(id, out CaseRow? row)
                    && row.State.IsOpen)
                {
                    autoCleared.Add(id);
                }
            }
            if (!ReferenceEquals(next, result.Next))
            {
                results[i] = result with { Next = next };
            }
        }
        // The day's findings are replaced: an open case an earlier run of this day listed (and no later day did) that
        // this run neither lists nor clears is superseded.
        var cleared = autoCleared.ToHashSet(StringComparer.Ordinal);
        List<string> superseded = listedLastOnDay.Where(id => !listedIds.Contains(id) && !cleared.Contains(id)).ToList();
        return new RunCommitted(
            run, results, new RunCaseEffects(_clock.GetCurrentInstant(), raised, seenAgain, autoCleared, keptResolved, superseded.Count == 0 ? null : superseded));
    }

    /// <summary>
    /// A change to the users or policy, checked against the users as stored (the application layer checked the
    /// caller's rights; here the facts that a concurrent change could have made stale).
    /// </summary>
    private AccessEvent Plan(AccessEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using DbConnection c = _db.Open();
        IReadOnlyList<UserAccount> users = AccessProjection.Users(c);
        UserAccount? user = e.User is null ? null : users.FirstOrDefault(u => AccessProjection.Key(u.Name) == AccessProjection.Key(e.User));
        switch (e.Kind)
        {
            case AccessEventKind.USER_ADDED:
                if (user is not null)
                {
                    throw new InvalidOperationException($"user {e.User} already exists");
                }
                if (e.By == AccessEvent.Bootstrap && users.Count > 0)
                {
                    throw new InvalidOperationException("the store already has users: an admin adds the next ones");
                }
                if (string.IsNullOrEmpty(e.PasswordHash) || e.Role is null)
                {
                    throw new ArgumentException("a new user needs a role and a password hash");
                }
                break;
            case AccessEventKind.USER_DISABLED:
            case AccessEventKind.PASSWORD_CHANGED:
            case AccessEventKind.TOKEN_ISSUED:
                if (user is null)
                {
                    throw new KeyNotFoundException($"unknown user '{e.User}'");
                }
                break;
            case AccessEventKind.POLICY_SET:
                if (e.Setting != AccessProjection.ApprovalThreshold || e.Threshold is not { IsNegative: false })
                {
                    throw new ArgumentException($"unknown policy setting '{e.Setting}'");
                }
                break;
        }
        return e;
    }

    /// <summary>
    /// A person's action; when it makes a resolution take effect, the account's carried state changes with it. With an
    /// <paramref name="opening"/> (undoing an automatic pair) the case is opened first: inserted when new, and the
    /// ladder's pair recorded on it, so the person's event is judged against the case holding the pair.
    /// </summary>
    private CaseEventRecorded Plan(CaseEvent e, CaseOpening? opening)
    {
        ArgumentNullException.ThrowIfNull(e);
        using DbConnection c = _db.Open();
        CaseRow? row = _reads.CaseRows(c, null, [e.CaseId]).GetValueOrDefault(e.CaseId);
        if (opening is not null)
        {
            row = Open(row, e, opening);
        }
        if (row is null)
        {
            throw new KeyNotFoundException($"unknown case id '{e.CaseId}'");
        }
        if (e.Kind is CaseEventKind.RAISED or CaseEventKind.SEEN_AGAIN or CaseEventKind.AUTO_CLEARED or CaseEventKind.SUPERSEDED)
        {
            throw new ArgumentException($"{e.Kind} is recorded by runs, not appended");
        }
        CaseState before = row.State;
        if (CaseWorkflow.StillFits(before, e) is { } conflict)
        {
            throw new CaseChangedException(conflict);
        }
        CaseState after = before.Apply(e);
        // A rejected unmatch leaves the pairing where it was: nothing takes effect.
        bool takesEffect = after.Status == CaseStatus.RESOLVED && before.Status != CaseStatus.RESOLVED && before.Pending?.Action != PendingAction.Unmatch;
        bool undoes = after.Status == CaseStatus.REOPENED && before.Resolution is not null;
        if (!takesEffect && !undoes)
        {
            return new CaseEventRecorded(e, row.AccountNo, null, null, opening);
        }
        (LocalDate day, AccountState state) = _reads.LatestAccountDay(c, null, row.AccountNo)
            ?? throw new InvalidOperationException($"account {row.AccountNo} of case {e.CaseId} has no stored state");
        CaseDecisionEffect decided = takesEffect
            ? CaseDecisionEffects.TakeEffect(c, _reads, row, after, state, e)
            : CaseDecisionEffects.Undo(c, _reads, row, before, state, e);
        return new CaseEventRecorded(e, row.AccountNo, new ResolutionEffect(day, decided.StateAfter), decided.Related.Count == 0 ? null : decided.Related, opening);
    }

    /// <summary>
    /// The case as it stands once the opening is applied: a new case must not be known yet, a known one must be closed
    /// without a pairing (a finding of the line that cleared when the ladder paired it); otherwise someone recorded the
    /// pair meanwhile and the caller looks again.
    /// </summary>
    private static CaseRow Open(CaseRow? row, CaseEvent e, CaseOpening opening)
    {
        CaseEvent paired = opening.Paired;
        if (paired.CaseId != e.CaseId || paired.Kind != CaseEventKind.RESOLVED || paired.Pairing is not { IsAutomatic: true } pairing
            || pairing.CaseId != e.CaseId || e.Kind is not (CaseEventKind.UNMATCHED or CaseEventKind.UNMATCH_REQUESTED))
        {
            throw new ArgumentException($"an opening records the ladder's pair on the case {e.CaseId} an unmatch is asked on");
        }
        if (row is null)
        {
            Discrepancy d = opening.NewCase is { } n && n.Id == e.CaseId
                ? n
                : throw new CaseChangedException($"case {e.CaseId} is not known and the request holds no case to open for it; look at it again");
            row = new CaseRow(CaseState.Raised(d.Id), pairing.AccountNo, StoreDatabase.Day(d.FirstSeen), StoreDatabase.Day(pairing.PairedOn!.Value), StoreJson.ToUtf8(d));
        }
        else if (opening.NewCase is not null || row.State.IsOpen || row.State.Status == CaseStatus.RESOLVED)
        {
            throw new CaseChangedException(
                $"case {e.CaseId} is known and {row.State.Status} now: someone recorded or undid the pair of its bank line meanwhile; look at it again");
        }
        return row with { State = row.State.Apply(paired) };
    }
}
