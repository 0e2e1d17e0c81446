using System.Text;

namespace Reconcile.SqlPeer;

/// <summary>
/// The peer's only step outside SQL: the banks' files are GB18030 or UTF-8 with preambles and trailers that
/// read_csv cannot skip by content, so each statement is decoded and its transaction rows copied, as UTF-8, into
/// one plain CSV per layout (ceb.csv, citic.csv, pab.csv) with the account number as the first column.
/// Files are transcoded in parallel, one writer per layout.
/// </summary>
public static class Transcode
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static (int Files, long Rows) Statements(string statementsDir, string workDir)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding gb = Encoding.GetEncoding("GB18030");
        var writers = new Dictionary<string, StreamWriter>
        {
            ["ceb"] = Open(workDir, "ceb", "account,date,time,debit,credit,balance,cp_account,cp_name,cp_bank,summary,memo,voucher,serial"),
            ["citic"] = Open(workDir, "citic", "account,date,time,teller,serial,sub_account,dc,amount,balance,cp_account,cp_name,cp_bank,summary,memo,value_date,payment_ref,reversal_of"),
            ["pab"] = Open(workDir, "pab", "account,ts,date,account2,serial,txn_serial,payment_ref,sub_account,member,amount_fen,balance_fen,cp_account,cp_name,cp_bank,summary,memo"),
        };
        long rows = 0;
        string[] files = Directory.GetFiles(statementsDir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        Parallel.ForEach(files, file =>
        {
            byte[] bytes = File.ReadAllBytes(file);
            string text;
            try { text = StrictUtf8.GetString(bytes); }
            catch (DecoderFallbackException) { text = gb.GetString(bytes); }
            var (layout, body, n) = Rows(text);
            lock (writers[layout]) { writers[layout].Write(body); }
            Interlocked.Add(ref rows, n);
        });
        foreach (var w in writers.Values) { w.Dispose(); }
        return (files.Length, rows);
    }

    private static StreamWriter Open(string dir, string name, string header)
    {
        var w = new StreamWriter(Path.Combine(dir, name + ".csv"), false, new UTF8Encoding(false), 1 << 20);
        w.Write(header + "\n");
        return w;
    }

    private static (string Layout, string Body, long Rows) Rows(string text)
    {
        string[] lines = text.TrimStart('\uFEFF').Split('\n');
        var body = new StringBuilder(text.Length + lines.Length * 24);
        long n = 0;
        if (lines[0].StartsWith("中国光大银行", StringComparison.Ordinal))
        {
            string account = lines[1].TrimEnd('\r').Split(',')[1];
            bool inRows = false;
            foreach (string raw in lines)
            {
                string line = raw.TrimEnd('\r');
                if (line.StartsWith("交易日期,", StringComparison.Ordinal)) { inRows = true; continue; }
                if (!inRows || line.Length == 0) { continue; }
                if (line.StartsWith("合计", StringComparison.Ordinal)) { break; }
                body.Append(account).Append(',').Append(line).Append('\n');
                n++;
            }
            return ("ceb", body.ToString(), n);
        }
        bool pab = lines[0].StartsWith("交易时间,", StringComparison.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') { continue; }
            if (pab)
            {
                int comma = line.IndexOf(',', line.IndexOf(',') + 1);
                int end = line.IndexOf(',', comma + 1);
                body.Append(line, comma + 1, end - comma - 1).Append(',');
            }
            body.Append(line).Append('\n');
            n++;
        }
        return (pab ? "pab" : "citic", body.ToString(), n);
    }
}
