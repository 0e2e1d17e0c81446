using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Formats;
using Reconcile.Samples;

namespace Reconcile.Cli.Tests.Run;

/// <summary>
/// The sample inbox run as committed, and again with a CEB and a CITIC account's statements (every day) rewritten as
/// camt.053 or MT940 from their parsed lines: every output CSV must be the same, but for the line numbers of the
/// rewritten files.
/// </summary>
public sealed class StatementFormatsRunTests : IDisposable
{
    private readonly RunWorkspace _csv = new();
    private readonly RunWorkspace _other = new();

    public void Dispose()
    {
        _csv.Dispose();
        _other.Dispose();
    }

    [Theory]
    [InlineData("camt.053.001.02")]
    [InlineData("camt.053.001.08")]
    [InlineData("mt940")]
    public void A_statement_replaced_by_its_equivalent_in_another_format_reconciles_the_same(string format)
    {
        string sample = Path.Combine(RepositoryRoot(), "samples", "inbox");
        CopyFolder(sample, _csv.Inbox);
        CopyFolder(sample, _other.Inbox);
        AccountRegistry registry = AccountsReader.Read(Path.Combine(sample, "accounts.csv"));
        ExpectedInbox expected = ExpectedJson.Read(Path.Combine(sample, ExpectedJson.FileName));
        List<string> rewritten = Rewrite(registry, expected, format);
        rewritten.Should().NotBeEmpty();

        foreach (ExpectedDay day in expected.BusinessDays)
        {
            string d = day.BusinessDate;
            int csvExit = _csv.Run(d);
            _other.Run(d).Should().Be(csvExit, $"the exit code of {d}");
            var mine = _csv.Csvs(d);
            var theirs = _other.Csvs(d);
            theirs.Keys.Should().BeEquivalentTo(mine.Keys);
            foreach (var (name, bytes) in mine)
            {
                Normalise(theirs[name], rewritten).Should().Be(Normalise(bytes, rewritten), $"{d}/{name}");
            }
        }
    }

    /// <summary>Rewrites the statements of the first CEB and CITIC accounts whose statements have no running-balance break.</summary>
    private List<string> Rewrite(AccountRegistry registry, ExpectedInbox expected, string format)
    {
        var byAccount = new Dictionary<string, List<(string Path, StatementSummary Summary, List<BankLine> Lines)>>(StringComparer.Ordinal);
        foreach (ExpectedDay day in expected.BusinessDays)
        {
            string folder = Path.Combine(_other.Inbox, day.BusinessDate, "statements");
            foreach (string file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                var lines = new List<BankLine>();
                StatementSummary summary = StatementReader.Read(file, registry, lines.Add);
                if (!byAccount.TryGetValue(summary.AccountNo, out var list))
                {
                    byAccount[summary.AccountNo] = list = [];
                }
                list.Add((file, summary, lines));
            }
        }
        var rewritten = new List<string>();
        foreach (Bank bank in new[] { Bank.CEB, Bank.CITIC })
        {
            var chosen = byAccount.Values
                .Where(s => s[0].Summary.Bank == bank && s.All(x => x.Summary.Breaks.Count == 0) && s.Sum(x => x.Lines.Count) > 0)
                .OrderBy(s => s[0].Summary.AccountNo, StringComparer.Ordinal)
                .First();
            foreach (var (path, summary, lines) in chosen)
            {
                string text = format == "mt940" ? Mt940(summary, lines) : Camt(summary, lines, format);
                File.WriteAllText(path, text, new UTF8Encoding(false));
                rewritten.Add(Path.GetFileName(path));
            }
        }
        return rewritten;
    }

    private static string Camt(StatementSummary s, List<BankLine> lines, string version)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        using (XmlWriter w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            string ns = "urn:iso:std:iso:20022:tech:xsd:" + version;
            string day = Iso(s.BookingDate);
            w.WriteStartElement("Document", ns);
            w.WriteStartElement("BkToCstmrStmt");
            w.WriteStartElement("Stmt");
            w.WriteElementString("Id", "S" + day);
            w.WriteStartElement("FrToDt");
            w.WriteElementString("FrDtTm", day + "T00:00:00");
            w.WriteElementString("ToDtTm", day + "T23:59:59");
            w.WriteEndElement();
            w.WriteStartElement("Acct");
            w.WriteStartElement("Id");
            w.WriteStartElement("Othr");
            w.WriteElementString("Id", s.AccountNo);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteElementString("Ccy", "CNY");
            w.WriteEndElement();
            Balance(w, "OPBD", s.Opening, day);
            Balance(w, "CLBD", s.Closing, day);
            foreach (BankLine l in lines)
            {
                bool reversal = l.Summary == "冲正";
                w.WriteStartElement("Ntry");
                Amount(w, l.Amount);
                w.WriteElementString("CdtDbtInd", l.Direction == Direction.IN ? "CRDT" : "DBIT");
                if (reversal)
                {
                    w.WriteElementString("RvslInd", "true");
                }
                w.WriteElementString("Sts", "BOOK");
                w.WriteStartElement("BookgDt");
                if (l.TransactionTime is { } time && time.Date == l.BookingDate)
                {
                    w.WriteElementString("DtTm", time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteElementString("Dt", Iso(l.BookingDate));
                }
                w.WriteEndElement();
                w.WriteElementString("AcctSvcrRef", l.Serial);
                w.WriteStartElement("NtryDtls");
                w.WriteStartElement("TxDtls");
                w.WriteStartElement("Refs");
                w.WriteElementString("EndToEndId", l.PaymentRef ?? "NOTPROVIDED");
                Proprietary(w, "SUBACCOUNT", l.SubAccountNo);
                Proprietary(w, "REVERSAL_OF", l.ReversalOf);
                w.WriteEndElement();
                string side = (l.Direction == Direction.IN) != reversal ? "Dbtr" : "Cdtr";
                w.WriteStartElement("RltdPties");
                if (l.CounterpartyName is not null)
                {
                    w.WriteStartElement(side);
                    w.WriteElementString("Nm", l.CounterpartyName);
                    w.WriteEndElement();
                }
                if (l.CounterpartyAccount is not null)
                {
                    w.WriteStartElement(side + "Acct");
                    w.WriteStartElement("Id");
                    w.WriteStartElement("Othr");
                    w.WriteElementString("Id", l.CounterpartyAccount);
                    w.WriteEndElement();
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                w.WriteEndElement();
                if (l.CounterpartyBank is not null)
                {
                    w.WriteStartElement("RltdAgts");
                    w.WriteStartElement(side + "Agt");
                    w.WriteStartElement("FinInstnId");
                    w.WriteElementString("Nm", l.CounterpartyBank);
                    w.WriteEndElement();
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                w.WriteStartElement("RmtInf");
                for (int i = 0; i < l.Memo.Length; i += 140)
                {
                    w.WriteElementString("Ustrd", l.Memo.Substring(i, Math.Min(140, l.Memo.Length - i)));
                }
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
                if (!reversal && l.Summary.Length > 0)
                {
                    w.WriteElementString("AddtlNtryInf", l.Summary);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return sb.ToString();
    }

    private static void Balance(XmlWriter w, string type, Money amount, string day)
    {
        w.WriteStartElement("Bal");
        w.WriteStartElement("Tp");
        w.WriteStartElement("CdOrPrtry");
        w.WriteElementString("Cd", type);
        w.WriteEndElement();
        w.WriteEndElement();
        Amount(w, amount.Abs());
        w.WriteElementString("CdtDbtInd", amount.IsNegative ? "DBIT" : "CRDT");
        w.WriteStartElement("Dt");
        w.WriteElementString("Dt", day);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Amount(XmlWriter w, Money amount)
    {
        w.WriteStartElement("Amt");
        w.WriteAttributeString("Ccy", "CNY");
        w.WriteString(amount.ToString());
        w.WriteEndElement();
    }

    private static void Proprietary(XmlWriter w, string type, string? value)
    {
        if (value is null)
        {
            return;
        }
        w.WriteStartElement("Prtry");
        w.WriteElementString("Tp", type);
        w.WriteElementString("Ref", value);
        w.WriteEndElement();
    }

    private static string Mt940(StatementSummary s, List<BankLine> lines)
    {
        var sb = new StringBuilder();
        string day = s.BookingDate.ToString("yyMMdd", CultureInfo.InvariantCulture);
        sb.Append(":20:STMT").Append(day).Append('\n');
        sb.Append(":25:BANKCNBJ/").Append(s.AccountNo).Append('\n');
        sb.Append(":28C:1/1\n");
        sb.Append(":60F:").Append(MtBalance(s.Opening, day)).Append('\n');
        foreach (BankLine l in lines)
        {
            bool reversal = l.Summary == "冲正";
            string mark = (reversal ? "R" : "") + ((l.Direction == Direction.IN) != reversal ? "C" : "D");
            sb.Append(":61:").Append(day).Append(l.BookingDate.ToString("MMdd", CultureInfo.InvariantCulture)).Append(mark)
                .Append(MtAmount(l.Amount)).Append("NTRFNONREF//").Append(l.Serial).Append('\n');
            var info = new StringBuilder();
            if (!reversal && l.Summary.Length > 0)
            {
                info.Append("/TRTP/").Append(l.Summary);
            }
            if (l.PaymentRef is not null)
            {
                info.Append("/EREF/").Append(l.PaymentRef);
            }
            if (l.CounterpartyAccount is not null || l.CounterpartyName is not null || l.CounterpartyBank is not null)
            {
                info.Append("/CNTP/").Append(l.CounterpartyAccount).Append('/').Append(l.CounterpartyBank).Append('/').Append(l.CounterpartyName).Append("//");
            }
            if (l.SubAccountNo is not null)
            {
                info.Append("/SUBA/").Append(l.SubAccountNo);
            }
            if (l.ReversalOf is not null)
            {
                info.Append("/RVSL/").Append(l.ReversalOf);
            }
            info.Append("/REMI/").Append(l.Memo);
            string text = info.ToString();
            sb.Append(":86:");
            for (int i = 0; i < text.Length; i += 65)
            {
                sb.Append(i == 0 ? "" : "\n").Append(text, i, Math.Min(65, text.Length - i));
            }
            sb.Append('\n');
        }
        sb.Append(":62F:").Append(MtBalance(s.Closing, day)).Append("\n-\n");
        return sb.ToString();
    }

    private static string MtBalance(Money amount, string day) => (amount.IsNegative ? "D" : "C") + day + "CNY" + MtAmount(amount.Abs());

    private static string MtAmount(Money amount) => amount.ToString().Replace('.', ',');

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The output text with the line numbers of the rewritten statements' lines taken out.</summary>
    private static string Normalise(byte[] bytes, List<string> rewritten)
    {
        string text = Encoding.UTF8.GetString(bytes);
        foreach (string name in rewritten.Distinct())
        {
            text = Regex.Replace(text, Regex.Escape(name) + @":[0-9]+", name + ":#");
        }
        return text;
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
        }
    }

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
