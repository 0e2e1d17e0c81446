using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// Follows a statement's running balance row by row: each printed balance must be the one before plus the
/// row's signed amount. A row that disagrees is a <see cref="RunningBalanceBreak"/> (kept for the summary, not
/// thrown), and the check goes on from its printed balance, so one bad row is one break, not a cascade.
/// Also sums the credits and debits. Holds only the breaks, not the rows.
/// </summary>
internal sealed class RunningBalance
{
    private readonly List<RunningBalanceBreak> _breaks = [];

    public RunningBalance(Money opening)
    {
        Opening = opening;
        Current = opening;
    }

    public Money Opening { get; }

    /// <summary>The last printed balance (the opening before any row).</summary>
    public Money Current { get; private set; }

    public Money Credits { get; private set; }

    public Money Debits { get; private set; }

    public int Count { get; private set; }

    public int CreditCount { get; private set; }

    public int DebitCount { get; private set; }

    public IReadOnlyList<RunningBalanceBreak> Breaks => _breaks;

    public void Apply(Direction direction, Money amount, Money printed, SourceRef source, string serial)
    {
        if (direction == Direction.IN)
        {
            Credits += amount;
            CreditCount++;
        }
        else
        {
            Debits += amount;
            DebitCount++;
        }
        Count++;
        Check(Current + (direction == Direction.IN ? amount : -amount), printed, source, serial);
    }

    /// <summary>A printed balance that must equal <paramref name="expected"/> (a closing row).</summary>
    public void Check(Money expected, Money printed, SourceRef source, string serial)
    {
        if (printed != expected)
        {
            _breaks.Add(new RunningBalanceBreak(source, serial, expected, printed));
        }
        Current = printed;
    }

    /// <summary>Puts a break found late (PAB's first row, known only at the trailer) before the others.</summary>
    public void InsertFirst(RunningBalanceBreak first) => _breaks.Insert(0, first);
}
