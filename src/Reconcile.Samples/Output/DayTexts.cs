using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Reconcile.Samples.Output;

/// <summary>
/// Dates of the days around a run, formatted once in every way the inbox prints them. Day indexes are relative
/// to the first business day (0); timestamps a little before it (index −1, −2) and the day after the last are
/// covered too.
/// </summary>
internal sealed class DayTexts
{
    private const int Before = 3;
    private const int MaxAccounts = 100;

    private readonly byte[][] _iso;
    private readonly byte[][] _basic;
    private readonly byte[][] _short;
    private readonly byte[][] _slash;
    private readonly byte[]?[] _prefixes;

    public DayTexts(LocalDate first, int days)
    {
        First = first;
        int count = days + Before + 3;
        _iso = new byte[count][];
        _basic = new byte[count][];
        _short = new byte[count][];
        _slash = new byte[count][];
        _prefixes = new byte[]?[Enum.GetValues<Writers.IdKind>().Length * MaxAccounts * count];
        for (int i = 0; i < count; i++)
        {
            LocalDate d = first.PlusDays(i - Before);
            _iso[i] = Ascii(LocalDatePattern.Iso.Format(d));
            _basic[i] = Ascii(d.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
            _short[i] = Ascii(d.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture));
            _slash[i] = Ascii(d.ToString("yyyy'/'MM'/'dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public LocalDate First { get; }

    public LocalDate Date(int day) => First.PlusDays(day);

    public string IsoString(int day) => LocalDatePattern.Iso.Format(Date(day));

    /// <summary>yyyy-MM-dd.</summary>
    public byte[] Iso(int day) => _iso[day + Before];

    /// <summary>yyyyMMdd.</summary>
    public byte[] Basic(int day) => _basic[day + Before];

    /// <summary>yyMMdd.</summary>
    public byte[] Short(int day) => _short[day + Before];

    /// <summary>yyyy/MM/dd.</summary>
    public byte[] Slash(int day) => _slash[day + Before];

    /// <summary>
    /// The ASCII prefix of a numbered reference (kind, date, account digits), made once per kind, account and day.
    /// Accounts on different threads fill different slots; a race on one slot writes equal bytes.
    /// </summary>
    public byte[] Prefix(Writers.IdKind kind, int account, int day)
    {
        int slot = (((int)kind * MaxAccounts) + account) * _iso.Length + day + Before;
        return _prefixes[slot] ??= Ascii(Writers.Ids.Prefix(kind, account, day, this));
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
