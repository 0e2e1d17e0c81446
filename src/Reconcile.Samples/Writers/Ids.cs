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
                Short(w, "C"u8, account, days, r, 7);
                break;
            case Bank.CITIC:
                Short(w, "S"u8, account, days, r, 7);
                break;
            default:
                Basic(w, "PA8831"u8, account, days, r, 7);
                break;
        }
    }

    public static string Serial(Bank bank, int account, DayTexts days, Ref r) => bank switch
    {
        Bank.CEB => ShortString("C", account, days, r, 7),
        Bank.CITIC => ShortString("S", account, days, r, 7),
        _ => BasicString("PA8831", account, days, r, 7),
    };

    public static void Teller(RowBuffer w, int account, DayTexts days, Ref r) => Short(w, "TL"u8, account, days, r, 7);

    public static void PabTransaction(RowBuffer w, int account, DayTexts days, Ref r) => Short(w, "F"u8, account, days, r, 7);

    public static void PayRef(RowBuffer w, int account, DayTexts days, Ref r) => Basic(w, "PAY"u8, account, days, r, 7);

    public static string PayRef(int account, DayTexts days, Ref r) => BasicString("PAY", account, days, r, 7);

    public static void Batch(RowBuffer w, int account, DayTexts days, Ref r) => Basic(w, "BATCH"u8, account, days, r, 4);

    public static string Batch(int account, DayTexts days, Ref r) => BasicString("BATCH", account, days, r, 4);

    public static void Entry(RowBuffer w, int account, DayTexts days, Ref r) => Short(w, "L"u8, account, days, r, 7);

    public static string Entry(int account, DayTexts days, Ref r) => ShortString("L", account, days, r, 7);

    public static void Order(RowBuffer w, int account, DayTexts days, Ref r) => Short(w, "ORD"u8, account, days, r, 7);

    private static void Short(RowBuffer w, ReadOnlySpan<byte> prefix, int account, DayTexts days, Ref r, int width)
    {
        w.Bytes(prefix);
        w.Bytes(days.Short(r.Day));
        w.Padded(account, 2);
        w.Padded(r.Seq, width);
    }

    private static void Basic(RowBuffer w, ReadOnlySpan<byte> prefix, int account, DayTexts days, Ref r, int width)
    {
        w.Bytes(prefix);
        w.Bytes(days.Basic(r.Day));
        w.Padded(account, 2);
        w.Padded(r.Seq, width);
    }

    private static string ShortString(string prefix, int account, DayTexts days, Ref r, int width) =>
        prefix + days.Date(r.Day).ToString("yyMMdd", CultureInfo.InvariantCulture) + account.ToString("D2", CultureInfo.InvariantCulture)
        + r.Seq.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string BasicString(string prefix, int account, DayTexts days, Ref r, int width) =>
        prefix + days.Date(r.Day).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + account.ToString("D2", CultureInfo.InvariantCulture)
        + r.Seq.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
