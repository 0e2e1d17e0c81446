using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>
/// Writes one statement file (one escrow account, one booking day) in its bank's layout and encoding, streaming:
/// <see cref="Begin"/> with the opening balance, one <see cref="Row"/> per transaction with the balance after
/// it, <see cref="End"/> with the closing balance (trailers are counted as rows go).
/// </summary>
internal abstract class StatementWriter : IDisposable
{
    private readonly FileRowBuffer _buffer;

    protected StatementWriter(string path, SampleAccount account, DayTexts days, int day, TextEncoding encoding, bool crLf)
    {
        _buffer = new FileRowBuffer(path) { Encoding = encoding, CrLf = crLf };
        Account = account;
        Days = days;
        Day = day;
    }

    protected RowBuffer W => _buffer;

    protected SampleAccount Account { get; }

    protected DayTexts Days { get; }

    /// <summary>The booking day (day index).</summary>
    protected int Day { get; }

    public long Credits { get; private set; }

    public long Debits { get; private set; }

    public int CreditCount { get; private set; }

    public int DebitCount { get; private set; }

    public int Count => CreditCount + DebitCount;

    public static StatementWriter Create(string path, SampleAccount account, DayTexts days, int day) => account.Bank switch
    {
        Bank.CEB => new CebStatementWriter(path, account, days, day),
        Bank.CITIC => new CiticStatementWriter(path, account, days, day),
        _ => new PabStatementWriter(path, account, days, day),
    };

    public abstract void Begin(long openingFen);

    public void Row(in BankRow row, long balanceAfterFen)
    {
        if (row.Direction == Direction.IN)
        {
            Credits += row.AmountFen;
            CreditCount++;
        }
        else
        {
            Debits += row.AmountFen;
            DebitCount++;
        }
        WriteRow(row, balanceAfterFen);
    }

    protected abstract void WriteRow(in BankRow row, long balanceAfterFen);

    public abstract void End(long closingFen);

    public void Dispose()
    {
        _buffer.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void Serial(in Ref serial) => Ids.Serial(W, Account.Bank, Account.Index, Days, serial);

    /// <summary>The memo: [PAY… ] (when <paramref name="payRefInMemo"/>) [BATCH… ] [contract number] text.</summary>
    protected void Memo(in BankRow row, bool payRefInMemo)
    {
        if (payRefInMemo && !row.PayRef.IsNone)
        {
            Ids.PayRef(W, Account.Index, Days, row.PayRef);
            W.Byte((byte)' ');
        }
        if (!row.Batch.IsNone)
        {
            Ids.Batch(W, Account.Index, Days, row.Batch);
            W.Byte((byte)' ');
        }
        if (row.ContractInMemo && row.Contract is not null)
        {
            W.Bytes(row.Contract.ContractBytes);
        }
        W.Text(row.Memo);
    }

    protected void Party(in BankRow row)
    {
        if (row.Party is { } p)
        {
            W.Bytes(p.AccountBytes);
            W.Comma();
            W.Text(p.Name);
            W.Comma();
            W.Text(p.Bank);
        }
        else
        {
            W.Commas(2);
        }
    }
}
