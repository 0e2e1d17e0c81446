using System.Text;
using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>ledger.csv rows (UTF-8, LF). Timestamps are written +08:00 or, for some entries, in UTC (Z).</summary>
internal static class LedgerWriter
{
    public static readonly Text Header = Text.Fields(
        "entry_id,order_id,contract_no,sub_account_no,bank,escrow_account_no,escrow_type,direction,amount,status,created_at,settled_at,"
        + "accounting_date,payment_ref,bank_serial,counterparty_name,counterparty_account,batch_id,remark");

    private static readonly byte[][] Kinds = Enum.GetValues<LedgerKind>().Select(k => Encoding.ASCII.GetBytes(k.ToString())).ToArray();
    private static readonly byte[][] Statuses = Enum.GetValues<LedgerStatus>().Select(k => Encoding.ASCII.GetBytes(k.ToString())).ToArray();

    public static void Row(RowBuffer w, in LedgerRow row, SampleAccount account, DayTexts days)
    {
        Ids.Entry(w, account.Index, days, row.Entry);
        w.Comma();
        Ids.Order(w, account.Index, days, row.Order);
        w.Comma();
        w.Bytes(row.Contract.ContractBytes);
        w.Comma();
        w.Bytes(row.Contract.SubAccountBytes);
        w.Comma();
        w.Bytes(account.BankCode);
        w.Comma();
        w.Bytes(account.AccountBytes);
        w.Comma();
        w.Bytes(account.TypeCode);
        w.Comma();
        w.Bytes(Kinds[(int)row.Kind]);
        w.Comma();
        w.Yuan(row.AmountFen);
        w.Comma();
        w.Bytes(Statuses[(int)row.Status]);
        w.Comma();
        Timestamp(w, days, row.CreatedDay, row.CreatedSeconds, row.Utc);
        w.Comma();
        if (row.Settled)
        {
            Timestamp(w, days, row.SettledDay, row.SettledSeconds, row.Utc);
        }
        w.Comma();
        w.Bytes(days.Iso(row.Entry.Day));
        w.Comma();
        if (!row.PayRef.IsNone)
        {
            Ids.PayRef(w, account.Index, days, row.PayRef);
        }
        w.Comma();
        if (!row.BankSerial.IsNone)
        {
            Ids.Serial(w, account.Bank, account.Index, days, row.BankSerial);
        }
        w.Comma();
        if (row.Party is { } p)
        {
            w.Text(p.Name);
            w.Comma();
            w.Bytes(p.AccountBytes);
        }
        else
        {
            w.Comma();
        }
        w.Comma();
        if (!row.Batch.IsNone)
        {
            Ids.Batch(w, account.Index, days, row.Batch);
        }
        w.Comma();
        w.Text(row.Remark);
        w.NewLine();
    }

    /// <summary>ISO-8601: Beijing time with +08:00, or the same instant in UTC with Z.</summary>
    private static void Timestamp(RowBuffer w, DayTexts days, int day, int seconds, bool utc)
    {
        if (utc)
        {
            seconds -= 8 * 3600;
        }
        while (seconds < 0)
        {
            day--;
            seconds += 86400;
        }
        while (seconds >= 86400)
        {
            day++;
            seconds -= 86400;
        }
        w.Bytes(days.Iso(day));
        w.Byte((byte)'T');
        w.Time(seconds, colons: true);
        if (utc)
        {
            w.Byte((byte)'Z');
        }
        else
        {
            w.Bytes("+08:00"u8);
        }
    }
}
