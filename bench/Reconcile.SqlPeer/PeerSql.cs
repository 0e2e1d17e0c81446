namespace Reconcile.SqlPeer;

/// <summary>
/// The peer's reconciliation, in DuckDB SQL: one normalised bank table, the day's booked ledger, three hash-join
/// rungs (bank serial, payment reference, sub-account + amount + direction taken 1:1 in time order), and per-account
/// sums (bank closing balance against sub-accounts plus what is in transit). Fewer rules than the engine (no batch,
/// counterparty, reversal, split or partial rungs, no carry-forward, no store): a lower bound on what SQL costs.
/// </summary>
public static class PeerSql
{
    public static string Load(string work, string day) => $"""
        CREATE TABLE bank AS
        SELECT account, serial, dir, amount, payment_ref, sub_account, row_number() OVER () AS seq, balance_after FROM (
          SELECT account, serial,
                 CASE WHEN debit IS NOT NULL AND debit <> '' THEN 'OUT' ELSE 'IN' END AS dir,
                 CAST(round(CAST(replace(coalesce(nullif(debit, ''), credit), ',', '') AS DECIMAL(18,2)) * 100) AS BIGINT) AS amount,
                 nullif(regexp_extract(memo, 'PAY[0-9]+'), '') AS payment_ref, NULL AS sub_account,
                 CAST(round(CAST(replace(balance, ',', '') AS DECIMAL(18,2)) * 100) AS BIGINT) AS balance_after
          FROM read_csv('{work}/ceb.csv', header = true, all_varchar = true, quote = '"')
          UNION ALL
          SELECT account, serial, CASE dc WHEN 'D' THEN 'OUT' ELSE 'IN' END,
                 CAST(round(CAST(amount AS DECIMAL(18,2)) * 100) AS BIGINT), nullif(payment_ref, ''), nullif(sub_account, ''),
                 CAST(round(CAST(balance AS DECIMAL(18,2)) * 100) AS BIGINT)
          FROM read_csv('{work}/citic.csv', header = true, all_varchar = true, quote = '"')
          WHERE summary NOT IN ('上日余额', '本日余额')
          UNION ALL
          SELECT account, serial, CASE WHEN amount_fen LIKE '-%' THEN 'OUT' ELSE 'IN' END,
                 abs(CAST(amount_fen AS BIGINT)), nullif(payment_ref, ''), nullif(sub_account, ''), CAST(balance_fen AS BIGINT)
          FROM read_csv('{work}/pab.csv', header = true, all_varchar = true, quote = '"'));

        CREATE TABLE ledger AS
        SELECT entry_id, escrow_account_no AS account, sub_account_no AS sub_account,
               CASE WHEN direction IN ('DEPOSIT', 'INTEREST') THEN 'IN' ELSE 'OUT' END AS dir,
               CAST(round(CAST(amount AS DECIMAL(18,2)) * 100) AS BIGINT) AS amount,
               nullif(payment_ref, '') AS payment_ref, nullif(bank_serial, '') AS bank_serial, created_at
        FROM read_csv('{day}/ledger.csv', header = true, all_varchar = true, quote = '"')
        WHERE status = 'SUCCESS';

        CREATE TABLE subaccounts AS
        SELECT escrow_account_no AS account, sum(CAST(round(CAST(balance AS DECIMAL(18,2)) * 100) AS BIGINT)) AS total
        FROM read_csv('{day}/subaccounts.csv', header = true, all_varchar = true, quote = '"')
        GROUP BY ALL;
        """;

    public const string Match = """
        CREATE TABLE m1 AS
        SELECT b.seq, l.entry_id, 'BANK_SERIAL' AS rule FROM bank b JOIN ledger l
          ON l.bank_serial = b.serial AND l.account = b.account AND l.amount = b.amount AND l.dir = b.dir;

        CREATE TABLE m2 AS
        SELECT b.seq, l.entry_id, 'PAYMENT_REF' AS rule FROM bank b JOIN ledger l
          ON l.payment_ref = b.payment_ref AND l.account = b.account AND l.amount = b.amount AND l.dir = b.dir
        WHERE b.seq NOT IN (SELECT seq FROM m1) AND l.entry_id NOT IN (SELECT entry_id FROM m1);

        CREATE TABLE m3 AS
        WITH ob AS (SELECT *, row_number() OVER (PARTITION BY account, sub_account, amount, dir ORDER BY seq) AS k
                    FROM bank WHERE sub_account IS NOT NULL
                      AND seq NOT IN (SELECT seq FROM m1 UNION ALL SELECT seq FROM m2)),
             ol AS (SELECT *, row_number() OVER (PARTITION BY account, sub_account, amount, dir ORDER BY created_at, entry_id) AS k
                    FROM ledger WHERE entry_id NOT IN (SELECT entry_id FROM m1 UNION ALL SELECT entry_id FROM m2))
        SELECT ob.seq, ol.entry_id, 'SUB_ACCOUNT' AS rule FROM ob JOIN ol
          ON ol.account = ob.account AND ol.sub_account = ob.sub_account AND ol.amount = ob.amount AND ol.dir = ob.dir AND ol.k = ob.k;

        CREATE TABLE matches AS SELECT * FROM m1 UNION ALL SELECT * FROM m2 UNION ALL SELECT * FROM m3;
        """;

    public static string Report(string outDir) => $"""
        COPY (SELECT b.account, b.serial, m.entry_id, m.rule, b.amount FROM matches m JOIN bank b USING (seq)
              ORDER BY b.account, b.serial) TO '{outDir}/peer_matches.csv' (HEADER);

        COPY (
          WITH closing AS (SELECT account, arg_max(balance_after, seq) AS bank_balance FROM bank GROUP BY ALL),
               bank_open AS (SELECT account, sum(CASE dir WHEN 'IN' THEN amount ELSE -amount END) AS s FROM bank
                             WHERE seq NOT IN (SELECT seq FROM matches) GROUP BY ALL),
               ledger_open AS (SELECT account, sum(CASE dir WHEN 'IN' THEN amount ELSE -amount END) AS s FROM ledger
                               WHERE entry_id NOT IN (SELECT entry_id FROM matches) GROUP BY ALL)
          SELECT c.account, c.bank_balance, s.total AS subaccounts,
                 coalesce(bo.s, 0) AS bank_unmatched, coalesce(lo.s, 0) AS ledger_unmatched,
                 c.bank_balance - coalesce(bo.s, 0) + coalesce(lo.s, 0) - s.total AS unexplained,
                 CASE WHEN c.bank_balance - coalesce(bo.s, 0) + coalesce(lo.s, 0) = s.total THEN 'BALANCED' ELSE 'UNBALANCED' END AS status
          FROM closing c JOIN subaccounts s USING (account)
          LEFT JOIN bank_open bo USING (account) LEFT JOIN ledger_open lo USING (account)
          ORDER BY c.account) TO '{outDir}/peer_inventory.csv' (HEADER);
        """;
}
