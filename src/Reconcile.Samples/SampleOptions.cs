using NodaTime;

namespace Reconcile.Samples;

/// <summary>What to generate.</summary>
/// <param name="OutDir">The inbox to create; it must not exist or be empty.</param>
/// <param name="FirstDate">The first business day.</param>
/// <param name="Days">Business days from <paramref name="FirstDate"/> (the planted situations use days 1–3).</param>
/// <param name="Lines">About this many bank lines per day over all accounts (bulk pairs; planted rows come on top).</param>
/// <param name="Seed">The same seed (and options) gives byte-identical files.</param>
public sealed record SampleOptions(string OutDir, LocalDate FirstDate, int Days = SampleOptions.DefaultDays, int Lines = SampleOptions.DefaultLines, long Seed = 1)
{
    public const int DefaultDays = 3;
    public const int DefaultLines = 300;
}

/// <summary>What was generated.</summary>
public sealed record SampleResult(string OutDir, int Accounts, int StatementFiles, long BankLines, long LedgerEntries, long Bytes, TimeSpan Elapsed);
