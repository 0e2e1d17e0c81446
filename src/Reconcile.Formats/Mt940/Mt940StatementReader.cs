using System.Text;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// SWIFT MT940 customer statements: <c>:20:</c> reference, <c>:25:</c> account (<c>BIC/account</c> or the account
/// alone, looked up in accounts.csv), <c>:28C:</c> statement/page number, <c>:60F:</c> opening balance (<c>:60M:</c> on a
/// continuation page, which must equal the <c>:62M:</c> before it), one <c>:61:</c> per booked line with its <c>:86:</c>
/// information, and <c>:62F:</c> the closing balance, which must follow from the lines (else a break, as for the CSV
/// layouts). SWIFT block headers (<c>{1:…}{2:…}{4:</c>) and the <c>-}</c> end are skipped. One account and booking day
/// per file; pages of one statement may follow each other. Read line by line; UTF-8 or GB18030.
/// </summary>
internal static class Mt940StatementReader
{
    private const string Reversal = "冲正";

    public static StatementSummary Read(string path, string name, AccountRegistry registry, Action<BankLine> onLine, TextPool pool)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, 0, null, "found no such file, expected an input file at this path");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InputException(path, 0, null, $"cannot open the file ({e.Message})");
        }
        using (stream)
        {
            Encoding encoding = InputEncoding.Detect(stream) ?? Encoding.UTF8;
            using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
            var statement = new Statement(path, name, registry, onLine, pool);
            foreach (Field field in Fields(text))
            {
                statement.Add(field);
            }
            return statement.Finish();
        }
    }

    /// <summary>One field: its tag (20, 25, 28C, 60F, 61, 86...), its text (continuation lines joined by '\n') and first line.</summary>
    private readonly record struct Field(string Tag, string Text, int Line);

    private static IEnumerable<Field> Fields(StreamReader text)
    {
        string? tag = null;
        var value = new StringBuilder();
        int start = 0;
        int number = 0;
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            number++;
            if (number == 1 && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }
            if (line.StartsWith('{'))
            {
                int body = line.IndexOf("{4:", StringComparison.Ordinal);
                if (body < 0)
                {
                    continue; // {1:..}{2:..}{3:..} or {5:..}
                }
                line = line[(body + 3)..];
            }
            if (line.TrimEnd() is "-" or "-}" || line.Trim().Length == 0)
            {
                if (tag is not null)
                {
                    yield return new Field(tag, value.ToString(), start);
                    tag = null;
                }
                continue;
            }
            if (TagOf(line) is { } next)
            {
                if (tag is not null)
                {
                    yield return new Field(tag, value.ToString(), start);
                }
                tag = next;
                value.Clear().Append(line.AsSpan(next.Length + 2));
                start = number;
            }
            else if (tag is not null)
            {
                value.Append('\n').Append(line);
            }
            else
            {
                yield return new Field("", line, number);
            }
        }
        if (tag is not null)
        {
            yield return new Field(tag, value.ToString(), start);
        }
    }

    /// <summary>":61:" → "61", ":28C:" → "28C"; null when the line does not start a field.</summary>
    private static string? TagOf(string line)
    {
        if (line.Length < 4 || line[0] != ':' || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]))
        {
            return null;
        }
        if (line[3] == ':')
        {
            return line.Substring(1, 2);
        }
        return line.Length > 4 && char.IsAsciiLetterUpper(line[3]) && line[4] == ':' ? line.Substring(1, 3) : null;
    }

    private sealed class Statement(string path, string name, AccountRegistry registry, Action<BankLine> onLine, TextPool pool)
    {
        private EscrowAccount? _account;
        private RunningBalance? _balance;
        private Money? _pageClosing; // the last :62M:, which the next :60M: must repeat
        private (Money Amount, LocalDate Date, int Line)? _closing;
        private LocalDate? _day;
        private (Mt940Transaction Tx, int Line)? _pending;
        private string _information = "";
        private int _sequence;
        private bool _sawReference;

        public void Add(Field field)
        {
            if (_closing is not null && field.Tag is not ("64" or "65" or "86" or "20" or "21"))
            {
                throw Error(field.Line, field.Tag, $"found ':{field.Tag}:' after the closing balance :62F:, expected the statement to end there (one statement per file)");
            }
            switch (field.Tag)
            {
                case "":
                    throw Error(field.Line, null, $"found '{Cut(field.Text)}' outside a field, expected MT940 fields such as :20:, :25:, :60F:, :61:, :86:, :62F:");
                case "20":
                    if (_closing is not null)
                    {
                        throw Error(field.Line, ":20:", "found a second statement after :62F:, expected one statement (one account and booking day) per file");
                    }
                    _sawReference = true;
                    break;
                case "25":
                    Account(field);
                    break;
                case "60F":
                case "60M":
                    Opening(field);
                    break;
                case "61":
                    Flush();
                    Transaction(field);
                    break;
                case "86":
                    if (_pending is not null)
                    {
                        _information = field.Text.Replace("\n", "", StringComparison.Ordinal);
                    }
                    break;
                case "62F":
                case "62M":
                    Flush();
                    Closing(field);
                    break;
                default:
                    break; // :21:, :28C:, :64:, :65:, :34F:...: nothing the reconciliation needs
            }
        }

        private void Account(Field field)
        {
            string text = field.Text.Trim();
            string number = registry.TryGet(text, out _) ? text : text[(text.LastIndexOf('/') + 1)..].Trim();
            EscrowAccount account = ForeignStatementParts.Account(path, field.Line, ":25:", number, registry);
            if (_account is not null && _account.AccountNo != account.AccountNo)
            {
                throw Error(field.Line, ":25:", $"found account '{account.AccountNo}' after '{_account.AccountNo}', expected one account per file");
            }
            _account = account;
        }

        private void Opening(Field field)
        {
            if (_account is null)
            {
                throw Error(field.Line, $":{field.Tag}:", "found the opening balance before :25:, expected :25: naming the escrow account first");
            }
            (Money amount, _) = Balance(field);
            if (field.Tag == "60F")
            {
                if (_balance is not null)
                {
                    throw Error(field.Line, ":60F:", "found a second :60F:, expected one statement (one account and booking day) per file (a continuation page starts with :60M:)");
                }
                _balance = new RunningBalance(amount);
                return;
            }
            if (_balance is null || _pageClosing is null)
            {
                throw Error(field.Line, ":60M:", "found :60M: (an intermediate opening balance) without a page ending in :62M: before it, expected :60F: first");
            }
            if (amount != _pageClosing.Value)
            {
                throw Error(field.Line, ":60M:", $"found {amount}, expected {_pageClosing.Value}, the :62M: of the page before");
            }
            _pageClosing = null;
        }

        private void Transaction(Field field)
        {
            if (_balance is null)
            {
                throw Error(field.Line, ":61:", "found a statement line before the opening balance, expected :60F: first");
            }
            Mt940Transaction tx = Mt940Transaction.Parse(field.Text, out string problem)
                ?? throw Error(field.Line, ":61:", $"{problem} ({Mt940Transaction.Shape})");
            _day ??= tx.BookingDate;
            if (tx.BookingDate != _day)
            {
                throw Error(field.Line, ":61:", $"found the entry date {Iso(tx.BookingDate)}, expected {Iso(_day.Value)} as on the first line (one statement per account and booking day)");
            }
            if (tx.BankRef is null && tx.CustomerRef is null)
            {
                throw Error(field.Line, ":61:", "found no reference (NONREF and no //bank reference), expected the bank serial after // (or the reference)");
            }
            _pending = (tx, field.Line);
            _information = "";
        }

        private void Flush()
        {
            if (_pending is not { } pending)
            {
                return;
            }
            _pending = null;
            Mt940Transaction tx = pending.Tx;
            Mt940Information info = Mt940Information.Parse(_information);
            string summary = tx.Reversal ? Reversal : info.TransactionType ?? tx.Supplementary ?? "";
            string memo = info.Remittance ?? "";
            MemoTokens tokens = MemoTokens.Find(memo, summary, pool);
            RunningBalance balance = _balance!;
            Money after = balance.Current + (tx.Direction == Direction.IN ? tx.Amount : -tx.Amount);
            var line = new BankLine(
                _account!.Bank,
                _account.AccountNo,
                tx.BookingDate,
                TransactionTime: null,
                tx.BankRef ?? tx.CustomerRef!,
                tx.Direction,
                tx.Amount,
                after,
                info.SubAccount is null ? null : pool.Get(info.SubAccount),
                info.EndToEndId ?? (tx.BankRef is null ? null : tx.CustomerRef) ?? tokens.PaymentRef,
                tokens.BatchId ?? info.BatchRef,
                tokens.ContractNo,
                info.CounterpartyAccount,
                info.CounterpartyName,
                info.CounterpartyBank,
                summary,
                memo,
                info.ReversalOf,
                _sequence++,
                new SourceRef(name, pending.Line));
            balance.Apply(line.Direction, line.Amount, line.BalanceAfter, line.Source, line.Serial);
            onLine(line);
        }

        private void Closing(Field field)
        {
            if (_balance is null)
            {
                throw Error(field.Line, $":{field.Tag}:", "found the closing balance before the opening balance, expected :60F: first");
            }
            (Money amount, LocalDate date) = Balance(field);
            if (field.Tag == "62M")
            {
                _balance.Check(_balance.Current, amount, new SourceRef(name, field.Line), StatementReader.ClosingSerial);
                _pageClosing = amount;
                return;
            }
            _closing = (amount, date, field.Line);
        }

        /// <summary>:60F:/:62F: — mark C or D, date YYMMDD, currency, amount with a decimal comma.</summary>
        private (Money Amount, LocalDate Date) Balance(Field field)
        {
            string text = field.Text.Trim();
            string column = $":{field.Tag}:";
            const string shape = "(C|D)YYMMDD then the currency and the amount with a decimal comma, such as C241106CNY12000000,00";
            if (text.Length < 12 || text[0] is not ('C' or 'D') || !Mt940Transaction.TryDate(text, 1, out LocalDate date))
            {
                throw Error(field.Line, column, $"found '{Cut(text)}', expected {shape}");
            }
            ForeignStatementParts.RequireCny(path, field.Line, column, text.Substring(7, 3));
            if (!text.Contains(',', StringComparison.Ordinal) || !ForeignStatementParts.TryYuan(text.AsSpan(10), ',', out Money amount))
            {
                throw Error(field.Line, column, $"found '{Cut(text)}', expected {shape}");
            }
            return (text[0] == 'D' ? -amount : amount, date);
        }

        public StatementSummary Finish()
        {
            Flush();
            if (!_sawReference)
            {
                throw Error(0, null, "found no :20: field, expected an MT940 statement starting with :20:<reference>");
            }
            if (_account is null)
            {
                throw Error(0, ":25:", "found no :25: field, expected :25: naming the escrow account");
            }
            if (_balance is null)
            {
                throw Error(0, ":60F:", "found no :60F: opening balance, expected :60F: after :25:");
            }
            if (_closing is not { } closing)
            {
                throw Error(0, ":62F:", "ends without the closing balance :62F:, expected :62F: after the last :61: (is the file cut short?)");
            }
            LocalDate day = _day ?? closing.Date;
            _balance.Check(_balance.Current, closing.Amount, new SourceRef(name, closing.Line), StatementReader.ClosingSerial);
            return new StatementSummary(path, _account.Bank, _account.AccountNo, day, _balance.Opening, closing.Amount,
                _balance.Credits, _balance.Debits, _balance.Count, _balance.Breaks);
        }

        private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";

        private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

        private InputException Error(int line, string? column, string problem) => new(path, line, column, problem);
    }
}
