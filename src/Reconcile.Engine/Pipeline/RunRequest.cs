using NodaTime;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Pipeline;

/// <summary>What `reconcile run` asks for.</summary>
/// <param name="OutRoot">The folder under which <c>&lt;yyyy-MM-dd&gt;/</c> is written.</param>
/// <param name="TimingWindowDays">Days an open item stays in transit before it is a BANK_ONLY / LEDGER_ONLY discrepancy.</param>
/// <param name="RetentionDays">Days back a serial or payment ref matched earlier makes a line repeating it a DUPLICATE.</param>
public sealed record RunRequest(
    string Inbox,
    LocalDate BusinessDate,
    string OutRoot,
    RunScope Scope,
    int TimingWindowDays = 1,
    int RetentionDays = Core.Reconciliation.ReconcileOptions.DefaultRetentionDays);

/// <summary>The outcome of a completed run.</summary>
/// <param name="OutputDirectory">Where the outputs were published.</param>
public sealed record RunOutcome(Outputs.RunSummary Summary, Outputs.RunManifest Manifest, string OutputDirectory)
{
    /// <summary>CONTRACT.md: 0 when every account is BALANCED with no BALANCE_BREAK, else 1.</summary>
    public int ExitCode => Summary.AllBalanced ? 0 : 1;
}
