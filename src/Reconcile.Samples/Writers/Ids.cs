using System.Globalization;
using Reconcile.Core.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>
/// How numbered references are printed. Every one carries the account's two-digit index, so they are unique
/// across the inbox, and a fixed-width sequence, so ordinal order is creation order:
/// CEB 流水号 C{yyMMdd}{aa}{seq:7}, CITIC 总交易流水号 S…, 柜员交易号 TL…, PAB 核心唯一流水号 PA8831{yyyyMMdd}{aa}{seq:7},
/// PAB 交易流水号 F…, payment serial PAY{yyyyMMdd}{aa}{seq:7}, batch BATCH{yyyyMMdd}{aa}{seq:4},
/// entry_id L{yyMMdd}{aa}{seq:7}, order_id ORD{yyMMdd}{aa}{seq:7}.
/// </summary>
internal static class Ids
{
    public static void Serial(RowBuffer w, Bank bank, int account, DayTexts days, Ref r)
    {
        switch (bank)
        {
            case Bank.CEB:
                Write(w, IdKind.CebSerial, account, days, r, 7);
                break;
            case Bank.CITIC:
                Write(w, IdKind.CiticSerial, account, days, r, 7);
                break;
            default:
                Write(w, IdKind.PabSerial, account, days, r, 7);
                break;
        }
    }

    public static string Serial(Bank bank, int account, DayTexts days, Ref r) => bank switch
    {
        Bank.CEB => Text(IdKind.CebSerial, account, days, r, 7),
        Bank.CITIC => Text(IdKind.CiticSerial, account, days, r, 7),
        _ => Text(IdKind.PabSerial, account, days, r, 7),
    };

    public static void Teller(RowBuffer w, int account, DayTexts days, Ref r) => Write(w, IdKind.Teller, account, days, r, 7);

    public static void PabTransaction(RowBuffer w, int account, DayTexts days, Ref r) => Write(w, IdKind.PabTransaction, account, days, r, 7);

    public static void PayRef(RowBuffer w, int account, DayTexts days, Ref r) => Write(w, IdKind.PayRef, account, days, r, 7);

    public static string PayRef(int account, DayTexts days, Ref r) => Text(IdKind.PayRef, account, days, r, 7);

    public static void Batch(RowBuffer w, int account, DayTexts days, Ref r) => Write(w, IdKind.Batch, account, days, r, 4);

    public static string Batch(int account, DayTexts days, Ref r) => Text(IdKind.Batch, account, days, r, 4);

    public static void Entry(RowBuffer w, int account, DayTexts days, Ref r) => Write(w, IdKind.Entry, account, days, r, 7);

    public static string Entry(int account, DayTexts days, Ref r) => Text(IdKind.Entry, account, days, r, 7);

    public static void Order(RowBuffer w, int account, DayTexts days, Ref r) => Write(w, IdKind.Order, account, days, r, 7);

    /// <summary>The prefix, the date and the account's two digits of a reference of <paramref name="kind"/>.</summary>
    public static string Prefix(IdKind kind, int account, int day, DayTexts days)
    {
        (string prefix, bool basic) = kind switch
        {
            IdKind.CebSerial => ("C", false),
            IdKind.CiticSerial => ("S", false),
            IdKind.PabSerial => ("PA8831", true),
            IdKind.Teller => ("TL", false),
            IdKind.PabTransaction => ("F", false),
            IdKind.PayRef => ("PAY", true),
            IdKind.Batch => ("BATCH", true),
            IdKind.Entry => ("L", false),
            _ => ("ORD", false),
        };
        return prefix + days.Date(day).ToString(basic ? "yyyyMMdd" : "yyMMdd", CultureInfo.InvariantCulture)
            + account.ToString("D2", CultureInfo.InvariantCulture);
    }

    private static void Write(RowBuffer w, IdKind kind, int account, DayTexts days, Ref r, int width)
    {
        w.Bytes(days.Prefix(kind, account, r.Day));
        w.Padded(r.Seq, width);
    }

    private static string Text(IdKind kind, int account, DayTexts days, Ref r, int width) =>
        Prefix(kind, account, r.Day, days) + r.Seq.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

/// <summary>The kinds of numbered references (see <see cref="Ids"/>).</summary>
internal enum IdKind
{
    CebSerial,
    CiticSerial,
    PabSerial,
    Teller,
    PabTransaction,
    PayRef,
    Batch,
    Entry,
    Order,
}
