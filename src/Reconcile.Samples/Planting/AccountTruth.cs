namespace Reconcile.Samples.Planting;

/// <summary>What one account's statement and books said on one day.</summary>
internal sealed class DayFigures
{
    public bool HasStatement { get; set; }

    public long OpeningFen { get; set; }

    public long CreditsFen { get; set; }

    public long DebitsFen { get; set; }

    public long ClosingFen { get; set; }

    public int BankLines { get; set; }

    public int LedgerEntries { get; set; }

    /// <summary>Σ sub-account balances at the end of the day.</summary>
    public long LedgerBalanceFen { get; set; }

    /// <summary>Bulk pairs by rule (BANK_SERIAL, PAYMENT_REF).</summary>
    public long BankSerialPairs { get; set; }

    public long PaymentRefPairs { get; set; }
}

/// <summary>Everything known by construction about one account: filled by the account's own worker only.</summary>
internal sealed class AccountTruth(int days)
{
    public List<OpenItemFact> OpenItems { get; } = [];

    public List<StandingFact> Standing { get; } = [];

    public List<AmbiguousFact> Ambiguous { get; } = [];

    public List<MatchFact> Matches { get; } = [];

    public List<ScenarioFact> Scenarios { get; } = [];

    public DayFigures[] Days { get; } = Enumerable.Range(0, days).Select(_ => new DayFigures()).ToArray();
}
