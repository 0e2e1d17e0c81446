using Reconcile.Core.Access;
using System.Data.Common;
using System.Globalization;
using System.Text;
using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Store;

/// <summary>A case as the read model holds it.</summary>
internal sealed record CaseRow(CaseState State, string AccountNo, int FirstSeenDay, int LastSeenDay, byte[] DiscrepancyJson)
{
    public Discrepancy Discrepancy() => StoreJson.FromUtf8<Discrepancy>(DiscrepancyJson);
}

/// <summary>
/// Queries on the read-model tables (rc_*), which the projector keeps in step with the journal. Every query is
/// an indexed lookup or a filtered scan of one table: nothing replays the journal.
/// </summary>
public sealed class ReadModel
{
    private const int InChunk = 500;

    /// <summary>"'OPEN', 'REOPENED', 'PENDING_APPROVAL'" for SQL.</summary>
    private static readonly string OpenStatusList = string.Join(", ", CaseState.OpenStatuses.Select(s => $"'{s}'"));
    private readonly StoreDatabase _db;

    public ReadModel(StoreDatabase db)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
    }

    public IReadOnlyDictionary<string, LocalDate> LastRunDays(IReadOnlyCollection<string> accountNos)
    {
        var result = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
        using DbConnection c = _db.Open();
        foreach (string[] chunk in accountNos.Distinct(StringComparer.Ordinal).Chunk(InChunk))
        {
            using DbCommand cmd = StoreDatabase.Command(c, null, "");
            cmd.CommandText = $"SELECT account_no, MAX(business_day) FROM rc_account_days WHERE account_no IN {SqlBulk.InList(cmd, "a", chunk)} GROUP BY account_no";
            using DbDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                result[r.GetString(0)] = StoreDatabase.Date(Long(r, 1));
            }
        }
        return result;
    }

    public IReadOnlyDictionary<string, AccountState> StatesBefore(IReadOnlyCollection<string> accountNos, LocalDate businessDate)
    {
        var blobs = new List<(string AccountNo, byte[] State)>();
        using DbConnection c = _db.Open();
        foreach (string[] chunk in accountNos.Distinct(StringComparer.Ordinal).Chunk(InChunk))
        {
            using DbCommand cmd = StoreDatabase.Command(c, null, "", ("@day", StoreDatabase.Day(businessDate)));
            cmd.CommandText = $"""
                SELECT d.account_no, d.next_state FROM rc_account_days d
                JOIN (SELECT account_no, MAX(business_day) AS md FROM rc_account_days
                      WHERE account_no IN {SqlBulk.InList(cmd, "a", chunk)} AND business_day < @day GROUP BY account_no) m
                  ON d.account_no = m.account_no AND d.business_day = m.md
                """;
            using DbDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                blobs.Add((r.GetString(0), (byte[])r.GetValue(1)));
            }
        }
        // Decoding dominates for tens of thousands of accounts: spread it over the cores.
        var result = blobs.AsParallel()
            .Select(b => (b.AccountNo, State: StoreJson.FromUtf8<AccountState>(b.State)))
            .ToDictionary(x => x.AccountNo, x => x.State, StringComparer.Ordinal);
        foreach (string a in accountNos)
        {
            if (!result.ContainsKey(a))
            {
                result[a] = AccountState.Empty(a);
            }
        }
        return result;
    }

    /// <summary>
    /// The serials and refs each account matched on the <paramref name="retentionDays"/> days before
    /// <paramref name="businessDate"/> (never that day or a later one); accounts with none are left out.
    /// </summary>
    public IReadOnlyDictionary<string, RetainedKeys> RetainedKeys(IReadOnlyCollection<string> accountNos, LocalDate businessDate, int retentionDays)
    {
        var rows = new List<(string AccountNo, LocalDate Day, byte[] Hashes)>();
        if (retentionDays > 0)
        {
            using DbConnection c = _db.Open();
            foreach (string[] chunk in accountNos.Distinct(StringComparer.Ordinal).Chunk(InChunk))
            {
                using DbCommand cmd = StoreDatabase.Command(
                    c, null, "", ("@from", StoreDatabase.Day(businessDate.PlusDays(-retentionDays))), ("@day", StoreDatabase.Day(businessDate)));
                cmd.CommandText = $"""
                    SELECT account_no, business_day, hashes FROM rc_matched_keys
                    WHERE account_no IN {SqlBulk.InList(cmd, "a", chunk)} AND business_day >= @from AND business_day < @day
                    """;
                using DbDataReader r = cmd.ExecuteReader();
                while (r.Read())
                {
                    byte[] hashes = (byte[])r.GetValue(2);
                    if (hashes.Length > 0)
                    {
                        rows.Add((r.GetString(0), StoreDatabase.Date(Long(r, 1)), hashes));
                    }
                }
            }
        }
        return rows.GroupBy(x => x.AccountNo, StringComparer.Ordinal).AsParallel()
            .Select(g => (AccountNo: g.Key, Keys: Core.Reconciliation.RetainedKeys.Of(g.Select(x => (x.Day, MatchedKeys.FromBytes(x.Hashes))))))
            .ToDictionary(x => x.AccountNo, x => x.Keys, StringComparer.Ordinal);
    }

    public RunRecord? LatestRun(LocalDate businessDate, RunScope scope)
    {
        using DbConnection c = _db.Open();
        using DbCommand cmd = StoreDatabase.Command(c, null, "", ("@day", StoreDatabase.Day(businessDate)));
        var sql = new StringBuilder("SELECT record FROM rc_runs WHERE business_day = @day");
        sql.Append(scope.Bank is { } b ? " AND scope_bank = @bank" : " AND scope_bank IS NULL");
        sql.Append(scope.Type is { } t ? " AND scope_type = @type" : " AND scope_type IS NULL");
        sql.Append(" ORDER BY seq DESC LIMIT 1");
        if (scope.Bank is { } bank)
        {
            StoreDatabase.AddParameter(cmd, "@bank", bank.ToString());
        }
        if (scope.Type is { } type)
        {
            StoreDatabase.AddParameter(cmd, "@type", type.ToString());
        }
        cmd.CommandText = sql.ToString();
        return cmd.ExecuteScalar() is byte[] bytes ? StoreJson.FromUtf8<RunRecord>(bytes) : null;
    }

    /// <summary>See <see cref="IReconcileStore.CarriedInChangedSinceAsync"/>.</summary>
    public bool CarriedInChangedSince(string runId, IReadOnlyCollection<string> accountNos, LocalDate businessDate)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        using DbConnection c = _db.Open();
        object? runSeq;
        using (DbCommand cmd = StoreDatabase.Command(c, null, "SELECT MAX(seq) FROM rc_runs WHERE run_id = @id", ("@id", runId)))
        {
            runSeq = cmd.ExecuteScalar();
        }
        if (runSeq is null or DBNull)
        {
            return false;
        }
        foreach (string[] chunk in accountNos.Distinct(StringComparer.Ordinal).Chunk(InChunk))
        {
            using DbCommand cmd = StoreDatabase.Command(c, null, "", ("@day", StoreDatabase.Day(businessDate)), ("@seq", Long(runSeq)));
            cmd.CommandText = $"SELECT COUNT(*) FROM rc_account_days WHERE account_no IN {SqlBulk.InList(cmd, "a", chunk)} AND business_day < @day AND seq > @seq";
            if (Long(cmd.ExecuteScalar()!) > 0)
            {
                return true;
            }
        }
        return false;
    }

    public bool RunExists(string runId)
    {
        using DbConnection c = _db.Open();
        using DbCommand cmd = StoreDatabase.Command(c, null, "SELECT COUNT(*) FROM rc_runs WHERE run_id = @id", ("@id", runId));
        return Long(cmd.ExecuteScalar()!) > 0;
    }

    public IReadOnlyList<CaseSummary> ListCases(CaseQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using DbConnection c = _db.Open();
        using DbCommand cmd = StoreDatabase.Command(c, null, "");
        var where = new List<string>();
        switch (query.Status)
        {
            case CaseStatusFilter.Open:
                where.Add($"status IN ({OpenStatusList})");
                break;
            case CaseStatusFilter.Resolved:
                where.Add($"status IN ('{CaseStatus.RESOLVED}', '{CaseStatus.AUTO_CLEARED}')");
                break;
            case CaseStatusFilter.Superseded:
                where.Add($"status = '{CaseStatus.SUPERSEDED}'");
                break;
        }
        if (query.Bank is { } bank)
        {
            where.Add("bank = @bank");
            StoreDatabase.AddParameter(cmd, "@bank", bank.ToString());
        }
        if (query.Type is { } type)
        {
            where.Add("escrow_type = @type");
            StoreDatabase.AddParameter(cmd, "@type", type.ToString());
        }
        if (query.Category is { } category)
        {
            where.Add("category = @category");
            StoreDatabase.AddParameter(cmd, "@category", category.ToString());
        }
        if (query.MinAmount is { } min)
        {
            where.Add("max_amount >= @min");
            StoreDatabase.AddParameter(cmd, "@min", min.Fen);
        }
        if (query.MinAgeDays is { } minAge)
        {
            StoreDatabase.AddParameter(cmd, "@minage", minAge);
            if (query.AgeOn is { } ageOn)
            {
                where.Add("(@ageon - first_seen) >= @minage");
                StoreDatabase.AddParameter(cmd, "@ageon", StoreDatabase.Day(ageOn));
            }
            else
            {
                where.Add("(last_seen - first_seen) >= @minage");
            }
        }
        cmd.CommandText = $"SELECT {SummaryColumns} FROM rc_cases" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "");
        var list = new List<CaseSummary>();
        using (DbDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                list.Add(Summary(r, query.AgeOn));
            }
        }
        list.Sort(CompareSummaries);
        return list;
    }

    public CaseDetail? GetCase(string caseId, LocalDate? ageOn = null)
    {
        using DbConnection c = _db.Open();
        CaseSummary summary;
        Discrepancy discrepancy;
        using (DbCommand cmd = StoreDatabase.Command(c, null, $"SELECT {SummaryColumns}, discrepancy FROM rc_cases WHERE case_id = @id", ("@id", caseId)))
        using (DbDataReader r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                return null;
            }
            summary = Summary(r, ageOn);
            discrepancy = StoreJson.FromUtf8<Discrepancy>((byte[])r.GetValue(SummaryColumnCount));
        }
        var timeline = new List<CaseEvent>();
        using (DbCommand cmd = StoreDatabase.Command(
            c, null, "SELECT kind, at_ticks, by_name, text, reason, run_id, business_day, identity, pairing FROM rc_case_events WHERE case_id = @id ORDER BY seq, ord", ("@id", caseId)))
        using (DbDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                timeline.Add(new CaseEvent(
                    caseId,
                    Enum.Parse<CaseEventKind>(r.GetString(0)),
                    Instant.FromUnixTimeTicks(Long(r, 1)),
                    r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3),
                    r.IsDBNull(4) ? null : Enum.Parse<ResolutionReason>(r.GetString(4)),
                    r.IsDBNull(5) ? null : r.GetString(5),
                    r.IsDBNull(6) ? null : StoreDatabase.Date(Long(r, 6)))
                {
                    Identity = r.IsDBNull(7) ? null : Enum.Parse<Identity>(r.GetString(7)),
                    Pairing = r.IsDBNull(8) ? null : StoreJson.FromUtf8<Pairing>((byte[])r.GetValue(8)),
                });
            }
        }
        return new CaseDetail(summary, discrepancy, timeline);
    }

    public InventoryHistory Inventory(LocalDate from, LocalDate to)
    {
        using DbConnection c = _db.Open();
        var rows = new List<InventoryRow>();
        var runIds = new HashSet<string>(StringComparer.Ordinal);
        using (DbCommand cmd = StoreDatabase.Command(
            c, null, "SELECT run_id, inventory FROM rc_account_days WHERE business_day >= @from AND business_day <= @to",
            ("@from", StoreDatabase.Day(from)), ("@to", StoreDatabase.Day(to))))
        using (DbDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                runIds.Add(r.GetString(0));
                rows.Add(StoreJson.FromUtf8<InventoryRow>((byte[])r.GetValue(1)));
            }
        }
        rows.Sort((a, b) =>
        {
            int d = a.BusinessDate.CompareTo(b.BusinessDate);
            if (d == 0)
            {
                d = string.CompareOrdinal(a.Bank.ToString(), b.Bank.ToString());
            }
            if (d == 0)
            {
                d = string.CompareOrdinal(a.Type.ToString(), b.Type.ToString());
            }
            return d != 0 ? d : string.CompareOrdinal(a.AccountNo, b.AccountNo);
        });

        var runs = new List<(long Seq, RunRecord Run)>();
        var daysWithRun = new HashSet<int>();
        using (DbCommand cmd = StoreDatabase.Command(
            c, null, "SELECT seq, run_id, business_day, record FROM rc_runs WHERE business_day >= @from AND business_day <= @to ORDER BY seq",
            ("@from", StoreDatabase.Day(from)), ("@to", StoreDatabase.Day(to))))
        using (DbDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                daysWithRun.Add(checked((int)Long(r, 2)));
                if (runIds.Contains(r.GetString(1)))
                {
                    runs.Add((Long(r, 0), StoreJson.FromUtf8<RunRecord>((byte[])r.GetValue(3))));
                }
            }
        }
        var gaps = new List<LocalDate>();
        for (LocalDate d = from; d <= to; d = d.PlusDays(1))
        {
            if (!daysWithRun.Contains(StoreDatabase.Day(d)))
            {
                gaps.Add(d);
            }
        }
        return new InventoryHistory(rows, runs.Select(x => x.Run).ToList(), gaps);
    }

    public IReadOnlyList<RunRecord> Runs(LocalDate from, LocalDate to)
    {
        using DbConnection c = _db.Open();
        using DbCommand cmd = StoreDatabase.Command(
            c, null, "SELECT record FROM rc_runs WHERE business_day >= @from AND business_day <= @to ORDER BY seq",
            ("@from", StoreDatabase.Day(from)), ("@to", StoreDatabase.Day(to)));
        using DbDataReader r = cmd.ExecuteReader();
        var runs = new List<RunRecord>();
        while (r.Read())
        {
            runs.Add(StoreJson.FromUtf8<RunRecord>((byte[])r.GetValue(0)));
        }
        return runs;
    }

    /// <summary>The cases among <paramref name="caseIds"/> that exist.</summary>
    internal Dictionary<string, CaseRow> CaseRows(DbConnection c, DbTransaction? tx, IEnumerable<string> caseIds)
    {
        var result = new Dictionary<string, CaseRow>(StringComparer.Ordinal);
        foreach (string[] chunk in caseIds.Distinct(StringComparer.Ordinal).Chunk(InChunk))
        {
            using DbCommand cmd = StoreDatabase.Command(c, tx, "");
            cmd.CommandText = $"SELECT case_id, state, account_no, first_seen, last_seen, discrepancy FROM rc_cases WHERE case_id IN {SqlBulk.InList(cmd, "c", chunk)}";
            using DbDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                result[r.GetString(0)] = new CaseRow(
                    StoreJson.FromUtf8<CaseState>((byte[])r.GetValue(1)),
                    r.GetString(2),
                    checked((int)Long(r, 3)),
                    checked((int)Long(r, 4)),
                    (byte[])r.GetValue(5));
            }
        }
        return result;
    }

    public AccountDayState? LatestState(string accountNo)
    {
        using DbConnection c = _db.Open();
        return LatestAccountDay(c, null, accountNo) is ({ } day, { } state) ? new AccountDayState(day, state) : null;
    }

    /// <summary>
    /// The open cases (OPEN, REOPENED, PENDING_APPROVAL) of <paramref name="accountNos"/> whose latest listing is
    /// <paramref name="businessDate"/> (no later day listed them): the findings of that day that a re-run replaces.
    /// In case id order (ordinal).
    /// </summary>
    internal List<string> OpenListedLastOn(DbConnection c, DbTransaction? tx, IReadOnlySet<string> accountNos, LocalDate businessDate)
    {
        var ids = new List<string>();
        using DbCommand cmd = StoreDatabase.Command(
            c, tx, $"SELECT case_id, account_no FROM rc_cases WHERE last_seen = @day AND status IN ({OpenStatusList})",
            ("@day", StoreDatabase.Day(businessDate)));
        using DbDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            if (accountNos.Contains(r.GetString(1)))
            {
                ids.Add(r.GetString(0));
            }
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>The latest day the account has a result for, and the state it carries out of that day.</summary>
    internal (LocalDate Day, AccountState State)? LatestAccountDay(DbConnection c, DbTransaction? tx, string accountNo)
    {
        using DbCommand cmd = StoreDatabase.Command(
            c, tx, "SELECT business_day, next_state FROM rc_account_days WHERE account_no = @a ORDER BY business_day DESC LIMIT 1", ("@a", accountNo));
        using DbDataReader r = cmd.ExecuteReader();
        return r.Read() ? (StoreDatabase.Date(Long(r, 0)), StoreJson.FromUtf8<AccountState>((byte[])r.GetValue(1))) : null;
    }

    internal static long Long(DbDataReader r, int i) => Long(r.GetValue(i));

    internal static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private const string SummaryColumns =
        "case_id, bank, escrow_type, account_no, category, direction, bank_amount, ledger_amount, bank_serial, ledger_entry_ids, first_seen, last_seen, status, assignee, detail";

    private const int SummaryColumnCount = 15;

    private static CaseSummary Summary(DbDataReader r, LocalDate? ageOn)
    {
        LocalDate firstSeen = StoreDatabase.Date(Long(r, 10));
        LocalDate lastSeen = StoreDatabase.Date(Long(r, 11));
        string ids = r.GetString(9);
        return new CaseSummary(
            r.GetString(0),
            Enum.Parse<Bank>(r.GetString(1)),
            Enum.Parse<EscrowType>(r.GetString(2)),
            r.GetString(3),
            Enum.Parse<Category>(r.GetString(4)),
            r.IsDBNull(5) ? null : Enum.Parse<Direction>(r.GetString(5)),
            r.IsDBNull(6) ? null : Money.FromFen(Long(r, 6)),
            r.IsDBNull(7) ? null : Money.FromFen(Long(r, 7)),
            r.IsDBNull(8) ? null : r.GetString(8),
            ids.Length == 0 ? [] : ids.Split(';'),
            firstSeen,
            lastSeen,
            Period.Between(firstSeen, ageOn ?? lastSeen, PeriodUnits.Days).Days,
            Enum.Parse<CaseStatus>(r.GetString(12)),
            r.IsDBNull(13) ? null : r.GetString(13),
            r.GetString(14));
    }

    /// <summary>The discrepancy order of RULES.md: bank, type, account, category, serial, entries, id (ordinal).</summary>
    private static int CompareSummaries(CaseSummary a, CaseSummary b)
    {
        int d = string.CompareOrdinal(a.Bank.ToString(), b.Bank.ToString());
        if (d == 0)
        {
            d = string.CompareOrdinal(a.Type.ToString(), b.Type.ToString());
        }
        if (d == 0)
        {
            d = string.CompareOrdinal(a.AccountNo, b.AccountNo);
        }
        if (d == 0)
        {
            d = string.CompareOrdinal(a.Category.ToString(), b.Category.ToString());
        }
        if (d == 0)
        {
            d = string.CompareOrdinal(a.BankSerial ?? "", b.BankSerial ?? "");
        }
        if (d == 0)
        {
            d = string.CompareOrdinal(string.Join(';', a.LedgerEntryIds), string.Join(';', b.LedgerEntryIds));
        }
        return d != 0 ? d : string.CompareOrdinal(a.CaseId, b.CaseId);
    }
}
