using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// ISO 20022 camt.053 (BankToCustomerStatement, versions 001.02, 001.04 and 001.08): one Stmt per file, for one
/// escrow account (Acct/Id/IBAN or Acct/Id/Othr/Id, looked up in accounts.csv) and one booking day. Read with a
/// streaming <see cref="XmlReader"/>; only one Acct, Bal or Ntry element is held at a time. OPBD (or PRCD) is the
/// opening balance, CLBD the closing one, which must follow from the entries (else a break, as for the CSV layouts).
/// Each booked Ntry is a <see cref="BankLine"/>; a batch entry whose TxDtls add up to it gives one line per TxDtls.
/// The mapping of every field is in docs/FORMATS.md.
/// </summary>
internal static class CamtStatementReader
{
    public static readonly string[] Versions = ["001.02", "001.04", "001.08"];

    private const string Reversal = "冲正";

    public static StatementSummary Read(string path, string name, AccountRegistry registry, Action<BankLine> onLine, TextPool pool)
    {
        XmlReader reader;
        try
        {
            reader = CamtXml.Open(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, 0, null, "found no such file, expected an input file at this path");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InputException(path, 0, null, $"cannot open the file ({e.Message})");
        }
        using (reader)
        {
            try
            {
                return new Statement(path, name, registry, onLine, pool).Read(reader);
            }
            catch (XmlException e)
            {
                throw new InputException(path, e.LineNumber, null, $"found malformed XML ({e.Message}), expected a well-formed camt.053 statement");
            }
        }
    }

    private sealed class Statement(string path, string name, AccountRegistry registry, Action<BankLine> onLine, TextPool pool)
    {
        private EscrowAccount? _account;
        private LocalDate? _day;
        private (Money Amount, int Line)? _opening;
        private (Money Amount, int Line, LocalDate? Date)? _closing;
        private (int? Count, int Line)? _summary;
        private RunningBalance? _balance;
        private int _entries;
        private int _sequence;
        private int _statements;
        private int _stmtLine;

        public StatementSummary Read(XmlReader reader)
        {
            reader.MoveToContent();
            string ns = reader.NamespaceURI;
            string version = ns.StartsWith(StatementFormats.CamtNamespacePrefix, StringComparison.Ordinal)
                ? ns[StatementFormats.CamtNamespacePrefix.Length..]
                : ns;
            if (reader.LocalName != "Document" || !Versions.Contains(version))
            {
                throw new InputException(path, CamtXml.Line(reader), "Document",
                    $"found <{reader.LocalName}> in namespace '{ns}', expected <Document> in namespace {StatementFormats.CamtNamespacePrefix}<version> with version {string.Join(", ", Versions)}");
            }
            bool statementMessage = false;
            CamtXml.ForEachChild(reader, child =>
            {
                if (child != "BkToCstmrStmt")
                {
                    throw Error(CamtXml.Line(reader), $"Document/{child}", $"found <{child}>, expected <BkToCstmrStmt> (a camt.053 bank-to-customer statement)");
                }
                statementMessage = true;
                CamtXml.ForEachChild(reader, part =>
                {
                    if (part == "Stmt")
                    {
                        ReadStmt(reader);
                    }
                    else
                    {
                        reader.Skip(); // GrpHdr, SplmtryData
                    }
                });
            });
            if (!statementMessage || _statements == 0)
            {
                throw new InputException(path, 0, "Document/BkToCstmrStmt/Stmt", "found no Stmt element, expected one statement of one escrow account and day");
            }
            return Finish();
        }

        private void ReadStmt(XmlReader reader)
        {
            _stmtLine = CamtXml.Line(reader);
            if (++_statements > 1)
            {
                throw Error(_stmtLine, "Stmt", "found a second Stmt, expected one statement (one escrow account and booking day) per file");
            }
            CamtXml.ForEachChild(reader, child =>
            {
                switch (child)
                {
                    case "FrToDt":
                        ReadPeriod(CamtXml.Load(reader));
                        break;
                    case "Acct":
                        ReadAccount(CamtXml.Load(reader));
                        break;
                    case "Bal":
                        ReadBalance(CamtXml.Load(reader));
                        break;
                    case "TxsSummry":
                        XElement summary = CamtXml.Load(reader);
                        string? count = summary.Text("TtlNtries", "NbOfNtries");
                        _summary = (count is null ? null : ParseCount(count, CamtXml.Line(summary)), CamtXml.Line(summary));
                        break;
                    case "Ntry":
                        ReadEntry(CamtXml.Load(reader));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            });
        }

        private int ParseCount(string text, int line) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                ? n
                : throw Error(line, "TxsSummry/TtlNtries/NbOfNtries", $"found '{text}', expected a number of entries");

        private void ReadPeriod(XElement period)
        {
            int line = CamtXml.Line(period);
            LocalDate from = DateOf(period.At("FrDtTm"), line, "Stmt/FrToDt/FrDtTm");
            LocalDate to = DateOf(period.At("ToDtTm"), line, "Stmt/FrToDt/ToDtTm");
            if (from != to)
            {
                throw Error(line, "Stmt/FrToDt", $"found the period {Iso(from)} to {Iso(to)}, expected a single day (one statement per account and booking day)");
            }
            _day = from;
        }

        private void ReadAccount(XElement acct)
        {
            int line = CamtXml.Line(acct);
            string? number = acct.Text("Id", "IBAN") ?? acct.Text("Id", "Othr", "Id");
            _account = ForeignStatementParts.Account(path, line, "Stmt/Acct/Id", number ?? "", registry);
            ForeignStatementParts.RequireCny(path, line, "Stmt/Acct/Ccy", acct.Text("Ccy"));
        }

        private void ReadBalance(XElement bal)
        {
            int line = CamtXml.Line(bal);
            string? type = bal.Text("Tp", "CdOrPrtry", "Cd") ?? bal.Text("Tp", "CdOrPrtry", "Prtry");
            bool opening = type is "OPBD" || (type is "PRCD" && _opening is null);
            bool closing = type is "CLBD";
            if (!opening && !closing)
            {
                return; // ITBD, CLAV, FWAV...: not what the continuity check needs
            }
            if (_entries > 0)
            {
                throw Error(line, "Stmt/Bal", "found a balance after the entries, expected every Bal before the first Ntry");
            }
            Money amount = Amount(bal, line, "Stmt/Bal/Amt");
            if (Indicator(bal, line, "Stmt/Bal/CdtDbtInd") == Direction.OUT)
            {
                amount = -amount;
            }
            LocalDate? date = bal.At("Dt") is { } dt ? DateOf(dt, line, "Stmt/Bal/Dt") : null;
            if (closing)
            {
                if (_closing is not null)
                {
                    throw Error(line, "Stmt/Bal", "found a second CLBD balance, expected one closing balance");
                }
                _closing = (amount, line, date);
            }
            else if (type is "OPBD")
            {
                if (_opening is { } seen && seen.Line != 0 && _openingIsOpbd)
                {
                    throw Error(line, "Stmt/Bal", "found a second OPBD balance, expected one opening balance");
                }
                _opening = (amount, line);
                _openingIsOpbd = true;
            }
            else
            {
                _opening = (amount, line);
            }
        }

        private bool _openingIsOpbd;

        private RunningBalance Balance(int line)
        {
            if (_balance is not null)
            {
                return _balance;
            }
            if (_account is null)
            {
                throw Error(line, "Stmt/Acct", "found an entry before the account, expected Stmt/Acct/Id naming the escrow account first");
            }
            if (_opening is null)
            {
                throw Error(line == 0 ? _stmtLine : line, "Stmt/Bal",
                    "found no opening balance, expected a Bal of type OPBD (or PRCD) before the entries");
            }
            _balance = new RunningBalance(_opening.Value.Amount);
            return _balance;
        }

        private LocalDate Day(int line)
        {
            _day ??= _closing?.Date ?? throw Error(line, "Stmt/Bal",
                "found neither Stmt/FrToDt nor a dated CLBD balance, expected the statement's booking day in one of them");
            return _day.Value;
        }

        private void ReadEntry(XElement entry)
        {
            int line = CamtXml.Line(entry);
            RunningBalance balance = Balance(line);
            LocalDate day = Day(line);
            _entries++;
            string? status = entry.Text("Sts", "Cd") ?? entry.Text("Sts");
            if (status is not null and not "BOOK")
            {
                throw Error(line, "Ntry/Sts", $"found status '{status}', expected BOOK (a statement lists booked entries only)");
            }
            Money amount = Amount(entry, line, "Ntry/Amt");
            if (amount.IsZero)
            {
                throw Error(line, "Ntry/Amt", "found 0, expected a positive amount");
            }
            Direction direction = Indicator(entry, line, "Ntry/CdtDbtInd");
            string? reversal = entry.Text("RvslInd");
            bool reversed = reversal switch
            {
                null or "false" or "0" => false,
                "true" or "1" => true,
                _ => throw Error(line, "Ntry/RvslInd", $"found '{reversal}', expected true or false"),
            };
            XElement booking = entry.At("BookgDt") ?? throw Error(line, "Ntry/BookgDt", "found no booking date, expected Ntry/BookgDt/Dt (or DtTm)");
            LocalDate date = DateOf(booking, line, "Ntry/BookgDt");
            if (date != day)
            {
                throw Error(line, "Ntry/BookgDt", $"found {Iso(date)}, expected {Iso(day)}, the statement's day (one statement per account and booking day)");
            }
            LocalDateTime? time = TimeOf(booking, line, "Ntry/BookgDt/DtTm");
            if (entry.At("ValDt") is { } value)
            {
                _ = DateOf(value, line, "Ntry/ValDt"); // checked; the engine keys on the booking day
            }
            foreach (XElement charges in entry.All("Chrgs"))
            {
                CheckCharges(charges);
            }
            string serial = entry.Text("AcctSvcrRef") ?? entry.Text("NtryRef")
                ?? throw Error(line, "Ntry/AcctSvcrRef", "found no bank reference, expected Ntry/AcctSvcrRef (or Ntry/NtryRef): the bank serial of the entry");
            string? batch = entry.Text("NtryDtls", "Btch", "PmtInfId");
            string summary = reversed ? Reversal : entry.Text("AddtlNtryInf") ?? entry.Text("BkTxCd", "Prtry", "Cd") ?? "";
            var details = entry.All("NtryDtls").SelectMany(d => d.All("TxDtls")).ToList();
            var entryPart = new Part(entry, day, time, serial, direction, amount, reversed, summary);
            if (details.Count > 1 && Split(details, direction, amount) is { } amounts)
            {
                for (int i = 0; i < details.Count; i++)
                {
                    XElement tx = details[i];
                    string txSerial = tx.Text("Refs", "AcctSvcrRef") ?? $"{serial}/{i + 1}";
                    Emit(balance, entryPart with { Serial = txSerial, Amount = amounts[i] }, tx, CamtXml.Line(tx), batch: null);
                }
            }
            else
            {
                Emit(balance, entryPart, details.Count == 1 ? details[0] : null, line, batch);
            }
        }

        /// <summary>The TxDtls amounts when each has one in the entry's direction and they add up to it; else null.</summary>
        private List<Money>? Split(List<XElement> details, Direction direction, Money total)
        {
            var amounts = new List<Money>(details.Count);
            Money sum = Money.Zero;
            foreach (XElement tx in details)
            {
                int line = CamtXml.Line(tx);
                XElement? amt = tx.At("Amt") ?? tx.At("AmtDtls", "TxAmt", "Amt");
                if (amt is null || (tx.At("CdtDbtInd") is not null && Indicator(tx, line, "TxDtls/CdtDbtInd") != direction))
                {
                    return null;
                }
                Money amount = ParseAmount(amt, line, "TxDtls/Amt");
                amounts.Add(amount);
                sum += amount;
            }
            return sum == total ? amounts : null;
        }

        private sealed record Part(XElement Entry, LocalDate Day, LocalDateTime? Time, string Serial, Direction Direction, Money Amount, bool Reversed, string Summary);

        private void Emit(RunningBalance balance, Part part, XElement? tx, int line, string? batch)
        {
            if (tx is not null)
            {
                foreach (XElement charges in tx.All("Chrgs"))
                {
                    CheckCharges(charges);
                }
            }
            // The counterparty is the debtor of money in, the creditor of money out (of the original booking for a reversal).
            bool fromDebtor = (part.Direction == Direction.IN) != part.Reversed;
            string side = fromDebtor ? "Dbtr" : "Cdtr";
            string otherSide = fromDebtor ? "Cdtr" : "Dbtr";
            XElement? parties = tx.At("RltdPties");
            XElement? agents = tx.At("RltdAgts");
            string? counterpartyName = PartyName(parties, side) ?? PartyName(parties, otherSide);
            string? counterpartyAccount = PartyAccount(parties, side) ?? PartyAccount(parties, otherSide);
            string? counterpartyBank = AgentName(agents, side) ?? AgentName(agents, otherSide);
            string memo = tx is null ? "" : string.Concat(tx.At("RmtInf")?.All("Ustrd").Select(u => u.Value.Trim()) ?? []);
            if (memo.Length == 0)
            {
                memo = tx.Text("AddtlTxInf") ?? "";
            }
            MemoTokens tokens = MemoTokens.Find(memo, part.Summary, pool);
            XElement? refs = tx.At("Refs");
            string? endToEnd = refs.Text("EndToEndId");
            string? paymentRef = (endToEnd is "NOTPROVIDED" ? null : endToEnd) ?? refs.Text("InstrId") ?? tokens.PaymentRef;
            Money after = balance.Current + (part.Direction == Direction.IN ? part.Amount : -part.Amount);
            var bankLine = new BankLine(
                _account!.Bank,
                _account.AccountNo,
                part.Day,
                part.Time,
                part.Serial,
                part.Direction,
                part.Amount,
                after,
                Proprietary(refs, "SUBACCOUNT") is { } sub ? pool.Get(sub) : null,
                paymentRef,
                tokens.BatchId ?? batch,
                tokens.ContractNo,
                counterpartyAccount,
                counterpartyName,
                counterpartyBank,
                part.Summary,
                memo,
                Proprietary(refs, "REVERSAL_OF"),
                _sequence++,
                new SourceRef(name, line));
            balance.Apply(bankLine.Direction, bankLine.Amount, bankLine.BalanceAfter, bankLine.Source, bankLine.Serial);
            onLine(bankLine);
        }

        private static string? PartyName(XElement? parties, string side) =>
            parties.Text(side, "Nm") ?? parties.Text(side, "Pty", "Nm");

        private static string? PartyAccount(XElement? parties, string side) =>
            parties.Text(side + "Acct", "Id", "IBAN") ?? parties.Text(side + "Acct", "Id", "Othr", "Id");

        private static string? AgentName(XElement? agents, string side) =>
            agents.Text(side + "Agt", "FinInstnId", "Nm") ?? agents.Text(side + "Agt", "FinInstnId", "BICFI") ?? agents.Text(side + "Agt", "FinInstnId", "BIC");

        /// <summary>Refs/Prtry/Ref whose Tp is <paramref name="type"/> (our sub-account and reversal references).</summary>
        private static string? Proprietary(XElement? refs, string type) =>
            refs?.All("Prtry").Where(p => string.Equals(p.Text("Tp"), type, StringComparison.OrdinalIgnoreCase)).Select(p => p.Text("Ref")).FirstOrDefault(r => r is not null);

        /// <summary>Charges are reported, not booked: the bank books a fee as its own entry. Only their currency is checked.</summary>
        private void CheckCharges(XElement charges)
        {
            foreach (XElement amt in charges.Descendants().Where(e => e.Name.LocalName is "Amt" or "TtlChrgsAndTaxAmt"))
            {
                ForeignStatementParts.RequireCny(path, CamtXml.Line(amt), "Chrgs/Amt", (string?)amt.Attribute("Ccy"));
            }
        }

        private StatementSummary Finish()
        {
            RunningBalance balance = Balance(_stmtLine);
            LocalDate day = Day(_stmtLine);
            if (_closing is not { } closing)
            {
                throw Error(_stmtLine, "Stmt/Bal", "found no closing balance, expected a Bal of type CLBD");
            }
            if (_summary is { Count: { } count } summary && count != _entries)
            {
                throw Error(summary.Line, "TxsSummry/TtlNtries/NbOfNtries", $"found {count}, expected {_entries}, the number of Ntry elements");
            }
            balance.Check(balance.Current, closing.Amount, new SourceRef(name, closing.Line), StatementReader.ClosingSerial);
            return new StatementSummary(path, _account!.Bank, _account.AccountNo, day, balance.Opening, closing.Amount,
                balance.Credits, balance.Debits, balance.Count, balance.Breaks);
        }

        private Money Amount(XElement parent, int line, string column)
        {
            XElement amt = parent.At("Amt") ?? throw Error(line, column, "found no amount, expected <Amt Ccy=\"CNY\">");
            return ParseAmount(amt, line, column);
        }

        private Money ParseAmount(XElement amt, int line, string column)
        {
            int at = CamtXml.Line(amt) is > 0 and var l ? l : line;
            ForeignStatementParts.RequireCny(path, at, column + "/@Ccy", (string?)amt.Attribute("Ccy") ?? throw Error(at, column + "/@Ccy", "found no Ccy attribute, expected Ccy=\"CNY\""));
            return ForeignStatementParts.TryYuan(amt.Value, '.', out Money amount)
                ? amount
                : throw Error(at, column, $"found '{amt.Value}', expected a positive amount in yuan with at most two decimals, such as 300000.00");
        }

        private Direction Indicator(XElement parent, int line, string column) => parent.Text("CdtDbtInd") switch
        {
            "CRDT" => Direction.IN,
            "DBIT" => Direction.OUT,
            var other => throw Error(line, column, $"found '{other}', expected CRDT (credit, money in) or DBIT (debit, money out)"),
        };

        /// <summary>Dt (yyyy-MM-dd) or DtTm (ISO date-time) under <paramref name="parent"/> (or <paramref name="parent"/> itself a DtTm).</summary>
        private LocalDate DateOf(XElement? parent, int line, string column)
        {
            string? text = parent is null ? null : parent.Text("Dt") ?? parent.Text("DtTm") ?? (parent.HasElements ? null : parent.Value.Trim());
            if (text is not null && text.Length >= 10 && LocalDatePattern.Iso.Parse(text[..10]) is { Success: true } parsed)
            {
                return parsed.Value;
            }
            throw Error(parent is null ? line : CamtXml.Line(parent), column, $"found '{text}', expected a date yyyy-MM-dd (Dt) or date-time (DtTm)");
        }

        /// <summary>DtTm as Beijing local time (an offset is converted to +08:00); null for a Dt.</summary>
        private LocalDateTime? TimeOf(XElement parent, int line, string column)
        {
            string? text = parent.Text("DtTm");
            if (text is null)
            {
                return null;
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset parsed)
                && (text.EndsWith('Z') || text.Length > 19 && (text[^6] == '+' || text[^6] == '-')))
            {
                return LocalDateTime.FromDateTime(parsed.ToOffset(TimeSpan.FromHours(8)).DateTime);
            }
            return LocalDateTimePattern.ExtendedIso.Parse(text) is { Success: true } local
                ? local.Value
                : throw Error(line, column, $"found '{text}', expected a date-time such as 2024-11-06T09:15:22 or 2024-11-06T09:15:22+08:00");
        }

        private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

        private InputException Error(int line, string column, string problem) => new(path, line, column, problem);
    }
}
