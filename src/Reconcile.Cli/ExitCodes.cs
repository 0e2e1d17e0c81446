namespace Reconcile.Cli;

/// <summary>The exit codes of the contract (CONTRACT.md).</summary>
public static class ExitCodes
{
    /// <summary>The run completed and every account is BALANCED; other commands: success.</summary>
    public const int Ok = 0;

    /// <summary>The run completed and at least one account is UNBALANCED / MISSING_STATEMENT or has a BALANCE_BREAK.</summary>
    public const int Findings = 1;

    /// <summary>Input (or a command line, or a request such as resolving a resolved case) was rejected; nothing was stored or written.</summary>
    public const int Rejected = 2;

    /// <summary>Internal failure.</summary>
    public const int Internal = 3;
}
