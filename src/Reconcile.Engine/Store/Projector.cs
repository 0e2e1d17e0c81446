using Reconcile.Core.Access;
using System.Data.Common;
using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Store;

/// <summary>
/// Keeps the read-model tables in step with the journal: applies one journal record in one database transaction
/// together with the read model's last-applied sequence number, so each record is applied exactly once, and a
/// process that died between the journal write and the projection catches up on the next start
/// (<see cref="CatchUp"/>).
/// </summary>
public sealed class Projector
{
    private const string Name = "store";
    private const string System = "system";
    private static readonly string[] RunColumns = ["seq", "run_id", "business_day", "scope_bank", "scope_type", "inputs_hash", "record"];
    private static readonly string[] AccountDayColumns = ["account_no", "business_day", "seq", "run_id", "inventory", "next_state"];
    private static readonly string[] AccountDayKeys = ["account_no", "business_day"];
    private static readonly string[] MatchedKeyColumns = ["account_no", "business_day", "seq", "hashes"];
    private static readonly string[] CaseColumns =
    [
        "case_id", "bank", "escrow_type", "account_no", "category", "direction", "bank_amount", "ledger_amount", "max_amount",
        "bank_serial", "ledger_entry_ids", "first_seen", "last_seen", "status", "assignee", "detail", "discrepancy", "state",
    ];

    private static readonly string[] CaseKeys = ["case_id"];
    private static readonly string[] EventColumns = ["case_id", "seq", "kind", "at_ticks", "by_name", "text", "reason", "run_id", "business_day", "identity", "pairing", "ord"];

    private readonly StoreDatabase _db;
    private readonly ReadModel _reads;

    public Projector(StoreDatabase db, ReadModel reads)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _reads = reads ?? throw new ArgumentNullException(nameof(reads));
    }

    /// <summary>The sequence number of the last journal record the read model holds (0: none).</summary>
    public long LastApplied()
    {
        using DbConnection c = _db.Open();
        return LastApplied(c, null).Seq;
    }

    /// <summary>
    /// Applies every journal record after the read model's last-applied one, reading them from the journal table
    /// directly. A read model of another version is dropped and rebuilt from the first record. Returns how many
    /// records were applied.
    /// </summary>
    public int CatchUp(long journalHighest)
    {
        using DbConnection c = _db.Open();
        (long last, int version) = LastApplied(c, null);
        if (version != StoreDatabase.ReadModelVersion)
        {
            using DbTransaction tx = c.BeginTransaction();
            _db.DropReadModel(c, tx);
            _db.CreateReadModel(c, tx);
            tx.Commit();
            last = 0;
        }
        if (last >= journalHighest)
        {
            return 0;
        }
        int applied = 0;
        foreach (JournalRow row in JournalReader.Read(_db, last))
        {
            if (row.SequenceNr > journalHighest)
            {
                break;
            }
            ChainRecord record = ChainRecord.Parse(row.Message);
            Apply(record);
            applied++;
        }
        return applied;
    }

    /// <summary>Applies one record (its sequence number must follow the last applied one; an older one is skipped).</summary>
    /// <param name="decoded">The record's event when the caller has it at hand (saves decoding the body again).</param>
    public void Apply(ChainRecord record, object? decoded = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        using DbConnection c = _db.Open();
        using DbTransaction tx = c.BeginTransaction();
        if (Apply(c, tx, record, decoded))
        {
            tx.Commit();
        }
    }

    /// <summary>
    /// Applies one record inside the caller's transaction on this projector's database: every kind of record goes
    /// through here, live and when the read model is derived again (<see cref="ProjectionVerifier"/>). False when
    /// the record was applied already.
    /// </summary>
    internal bool Apply(DbConnection c, DbTransaction tx, ChainRecord record, object? decoded = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Two writers on one store (a CLI command beside the workbench) may both project a record: one applies it
        // while the other catches up. On PostgreSQL the projection's row is locked until this transaction ends, so
        // the second waits and then sees the record applied (SQLite's write lock does the same).
        (long last, _) = LastApplied(c, tx, forUpdate: !_db.IsSqlite);
        if (record.SequenceNr <= last)
        {
            return false;
        }
        switch (record.Kind)
        {
            case StoreEventKind.RunCommitted:
                ApplyRun(c, tx, record.SequenceNr, decoded as RunCommitted ?? record.Decode<RunCommitted>());
                break;
            case StoreEventKind.CaseEventRecorded:
                ApplyCaseEvent(c, tx, record.SequenceNr, decoded as CaseEventRecorded ?? record.Decode<CaseEventRecorded>());
                break;
            case StoreEventKind.AccessChanged:
                AccessProjection.Apply(c, tx, record.SequenceNr, decoded as AccessEvent ?? record.Decode<AccessEvent>());
                break;
            default:
                throw new InvalidOperationException($"unknown record kind {record.Kind}");
        }
        StoreDatabase.ExecuteNonQuery(c, tx, "UPDATE rc_projection SET last_seq = @seq WHERE name = @name", ("@seq", record.SequenceNr), ("@name", Name));
        return true;
    }

    private static (long Seq, int Version) LastApplied(DbConnection c, DbTransaction? tx, bool forUpdate = false)
    {
        string sql = "SELECT last_seq, version FROM rc_projection WHERE name = @name" + (forUpdate ? " FOR UPDATE" : "");
        using (DbCommand cmd = StoreDatabase.Command(c, tx, sql, ("@name", Name)))
        using (DbDataReader r = cmd.ExecuteReader())
        {
            if (r.Read())
            {
                return (ReadModel.Long(r, 0), checked((int)ReadModel.Long(r, 1)));
            }
        }
        StoreDatabase.ExecuteNonQuery(
            c, tx, "INSERT INTO rc_projection (name, last_seq, version) VALUES (@name, 0, @v)", ("@name", Name), ("@v", StoreDatabase.ReadModelVersion));
        return (0, StoreDatabase.ReadModelVersion);
    }

    private void ApplyRun(DbConnection c, DbTransaction tx, long seq, RunCommitted ev)
    {
        RunRecord run = ev.Run;
        SqlBulk.Insert(c, tx, "rc_runs", RunColumns,
        [
            [seq, run.RunId, StoreDatabase.Day(run.BusinessDate), run.Scope.Bank?.ToString(), run.Scope.Type?.ToString(), run.InputsHash, StoreJson.ToUtf8(run)],
        ]);
        // Serializing tens of thousands of states dominates: spread it over the cores (order kept).
        List<object?[]> accountDays = ev.Results.AsParallel().AsOrdered().Select(r => new object?[]
        {
            r.Account.AccountNo, StoreDatabase.Day(r.BusinessDate), seq, run.RunId, StoreJson.ToUtf8(r.Inventory), StoreJson.ToUtf8(r.Next),
        }).ToList();
        SqlBulk.Insert(c, tx, "rc_account_days", AccountDayColumns, accountDays, AccountDayKeys);
        // Every account of the run gets its day's row, empty or not: a re-run of the day replaces what it matched.
        SqlBulk.Insert(c, tx, "rc_matched_keys", MatchedKeyColumns, ev.Results.Select(r => new object?[]
        {
            r.Account.AccountNo, StoreDatabase.Day(r.BusinessDate), seq, (r.Matched ?? MatchedKeys.Empty).ToBytes(),
        }), AccountDayKeys);

        var raised = new HashSet<string>(ev.Cases.Raised, StringComparer.Ordinal);
        var seen = new HashSet<string>(ev.Cases.SeenAgain, StringComparer.Ordinal);
        IReadOnlyList<string> superseded = ev.Cases.Superseded ?? [];
        Dictionary<string, CaseRow> rows = _reads.CaseRows(c, tx, ev.Cases.SeenAgain.Concat(ev.Cases.AutoCleared).Concat(superseded));
        Instant at = ev.Cases.At;
        var caseUpserts = new List<object?[]>();
        var stateUpdates = new List<(string Id, CaseState State)>();
        var events = new List<object?[]>();
        foreach (AccountDayResult result in ev.Results)
        {
            int day = StoreDatabase.Day(result.BusinessDate);
            foreach (Discrepancy d in result.Discrepancies)
            {
                CaseState state;
                bool newest = true;
                if (raised.Remove(d.Id))
                {
                    state = CaseState.Raised(d.Id).Apply(SystemEvent(d.Id, CaseEventKind.RAISED, at, run, result.BusinessDate));
                    events.Add(EventRow(d.Id, seq, CaseEventKind.RAISED, at, run.RunId, day));
                }
                else if (seen.Remove(d.Id) && rows.TryGetValue(d.Id, out CaseRow? row))
                {
                    state = row.State.Apply(SystemEvent(d.Id, CaseEventKind.SEEN_AGAIN, at, run, result.BusinessDate));
                    events.Add(EventRow(d.Id, seq, CaseEventKind.SEEN_AGAIN, at, run.RunId, day));
                    newest = day >= row.LastSeenDay;
                    rows[d.Id] = row with { State = state };
                }
                else
                {
                    continue;
                }
                if (newest)
                {
                    caseUpserts.Add(CaseRowValues(d, day, state));
                }
                else
                {
                    stateUpdates.Add((d.Id, state));
                }
            }
        }
        foreach (string id in ev.Cases.AutoCleared)
        {
            if (!rows.TryGetValue(id, out CaseRow? row))
            {
                continue;
            }
            CaseState state = row.State.Apply(SystemEvent(id, CaseEventKind.AUTO_CLEARED, at, run, run.BusinessDate));
            rows[id] = row with { State = state };
            stateUpdates.Add((id, state));
            events.Add(EventRow(id, seq, CaseEventKind.AUTO_CLEARED, at, run.RunId, StoreDatabase.Day(run.BusinessDate)));
        }
        foreach (string id in superseded)
        {
            if (!rows.TryGetValue(id, out CaseRow? row))
            {
                continue;
            }
            CaseState state = row.State.Apply(SystemEvent(id, CaseEventKind.SUPERSEDED, at, run, run.BusinessDate));
            rows[id] = row with { State = state };
            stateUpdates.Add((id, state));
            events.Add(EventRow(id, seq, CaseEventKind.SUPERSEDED, at, run.RunId, StoreDatabase.Day(run.BusinessDate)));
        }
        SqlBulk.Insert(c, tx, "rc_cases", CaseColumns, caseUpserts, CaseKeys);
        UpdateStates(c, tx, stateUpdates);
        SqlBulk.Insert(c, tx, "rc_case_events", EventColumns, events);
    }

    private void ApplyCaseEvent(DbConnection c, DbTransaction tx, long seq, CaseEventRecorded ev)
    {
        if (ev.Opening?.NewCase is { } opened)
        {
            // The case of a bank line taken out of an automatic pair: listed as the ladder would list the line, last seen
            // on the day of the pair; its history starts with the pair (the opening's event, applied below).
            int pairedOn = StoreDatabase.Day(ev.Opening.Paired.BusinessDate ?? opened.FirstSeen);
            SqlBulk.Insert(c, tx, "rc_cases", CaseColumns, [CaseRowValues(opened, pairedOn, CaseState.Raised(opened.Id))], CaseKeys);
        }
        List<CaseEvent> events = [.. ev.Opening is { } opening ? [opening.Paired] : Array.Empty<CaseEvent>(), ev.Event, .. ev.Related ?? []];
        Dictionary<string, CaseRow> rows = _reads.CaseRows(c, tx, events.Select(e => e.CaseId));
        var updates = new List<(string Id, CaseState State)>(events.Count);
        var eventRows = new List<object?[]>(events.Count);
        foreach (CaseEvent e in events)
        {
            if (!rows.TryGetValue(e.CaseId, out CaseRow? row))
            {
                throw new InvalidOperationException($"journal record #{seq} names case {e.CaseId}, which the read model does not know");
            }
            CaseState state = row.State.Apply(e);
            rows[e.CaseId] = row with { State = state };
            updates.Add((e.CaseId, state));
            eventRows.Add(
            [
                e.CaseId, seq, e.Kind.ToString(), e.At.ToUnixTimeTicks(), e.By, e.Text, e.Reason?.ToString(), e.RunId,
                e.BusinessDate is { } d ? StoreDatabase.Day(d) : null, e.Identity?.ToString(), e.Pairing is { } p ? StoreJson.ToUtf8(p) : null,
                eventRows.Count,
            ]);
        }
        UpdateStates(c, tx, updates);
        SqlBulk.Insert(c, tx, "rc_case_events", EventColumns, eventRows);
        if (ev.Effect is { } effect)
        {
            StoreDatabase.ExecuteNonQuery(
                c, tx, "UPDATE rc_account_days SET next_state = @s WHERE account_no = @a AND business_day = @d",
                ("@s", StoreJson.ToUtf8(effect.StateAfter)), ("@a", ev.AccountNo), ("@d", StoreDatabase.Day(effect.BusinessDate)));
        }
    }

    private static void UpdateStates(DbConnection c, DbTransaction tx, IReadOnlyList<(string Id, CaseState State)> updates)
    {
        if (updates.Count == 0)
        {
            return;
        }
        using DbCommand cmd = StoreDatabase.Command(
            c, tx, "UPDATE rc_cases SET status = @status, assignee = @assignee, state = @state WHERE case_id = @id",
            ("@status", ""), ("@assignee", ""), ("@state", Array.Empty<byte>()), ("@id", ""));
        foreach ((string id, CaseState state) in updates)
        {
            cmd.Parameters["@status"].Value = state.Status.ToString();
            cmd.Parameters["@assignee"].Value = (object?)state.Assignee ?? DBNull.Value;
            cmd.Parameters["@state"].Value = StoreJson.ToUtf8(state);
            cmd.Parameters["@id"].Value = id;
            cmd.ExecuteNonQuery();
        }
    }

    internal static CaseEvent SystemEvent(string caseId, CaseEventKind kind, Instant at, RunRecord run, LocalDate businessDate) =>
        new(caseId, kind, at, System, null, null, run.RunId, businessDate);

    private static object?[] EventRow(string caseId, long seq, CaseEventKind kind, Instant at, string runId, int day) =>
        [caseId, seq, kind.ToString(), at.ToUnixTimeTicks(), System, null, null, runId, day, null, null, 0];

    private static object?[] CaseRowValues(Discrepancy d, int lastSeenDay, CaseState state) =>
    [
        d.Id, d.Bank.ToString(), d.Type.ToString(), d.AccountNo, d.Category.ToString(), d.Direction?.ToString(),
        d.BankAmount?.Fen, d.LedgerAmount?.Fen, d.MaxAmount.Fen, d.BankSerial, string.Join(';', d.LedgerEntryIds),
        StoreDatabase.Day(d.FirstSeen), lastSeenDay, state.Status.ToString(), state.Assignee, d.Detail,
        StoreJson.ToUtf8(d), StoreJson.ToUtf8(state),
    ];
}
