using System.Diagnostics;
using DuckDB.NET.Data;
using Reconcile.SqlPeer;

// sqlpeer INBOX yyyy-MM-dd OUTDIR: the SQL peer of bench/run.sh (see PeerSql). Prints the phases and counts.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: sqlpeer INBOX yyyy-MM-dd OUTDIR");
    return 2;
}
string day = Path.GetFullPath(Path.Combine(args[0], args[1]));
string outDir = Path.GetFullPath(args[2]);
string work = Path.Combine(outDir, "peer-work");
Directory.CreateDirectory(work);
var clock = Stopwatch.StartNew();

var (files, rows) = Transcode.Statements(Path.Combine(day, "statements"), work);
double transcode = clock.Elapsed.TotalSeconds;

using var connection = new DuckDBConnection("Data Source=:memory:");
connection.Open();
void Execute(string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
long Scalar(string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
}

Execute("SET threads = " + Environment.ProcessorCount);
Execute(PeerSql.Load(work, day));
double load = clock.Elapsed.TotalSeconds;
Execute(PeerSql.Match);
double match = clock.Elapsed.TotalSeconds;
Execute(PeerSql.Report(outDir));
double report = clock.Elapsed.TotalSeconds;

long bank = Scalar("SELECT count(*) FROM bank");
long ledger = Scalar("SELECT count(*) FROM ledger");
long matched = Scalar("SELECT count(*) FROM matches");
long accounts = Scalar("SELECT count(*) FROM read_csv('" + outDir + "/peer_inventory.csv')");
long balanced = Scalar("SELECT count(*) FROM read_csv('" + outDir + "/peer_inventory.csv') WHERE status = 'BALANCED'");
Directory.Delete(work, recursive: true);
Console.WriteLine($"sqlpeer: {files} statement files, {rows} rows transcoded; {bank} bank lines, {ledger} booked entries, {matched} pairs; {balanced}/{accounts} accounts balanced");
Console.WriteLine($"sqlpeer phases s: transcode {transcode:F2} load {load - transcode:F2} match {match - load:F2} report {report - match:F2} total {report:F2}");
return 0;
