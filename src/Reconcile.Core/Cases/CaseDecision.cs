namespace Reconcile.Core.Cases;

/// <summary>
/// What the workflow decided about a request: either the event to append, or a refusal a person can act on
/// (nothing is appended then).
/// </summary>
public sealed record CaseDecision
{
    private CaseDecision(CaseEvent? caseEvent, string? refusal)
    {
        Event = caseEvent;
        Refusal = refusal;
    }

    public CaseEvent? Event { get; }

    public string? Refusal { get; }

    public bool IsAccepted => Event is not null;

    /// <summary>True when the event makes a resolution take effect (RESOLVED, APPROVED).</summary>
    public bool TakesEffect => Event?.Kind is CaseEventKind.RESOLVED or CaseEventKind.APPROVED;

    public static CaseDecision Accept(CaseEvent caseEvent) => new(caseEvent ?? throw new ArgumentNullException(nameof(caseEvent)), null);

    public static CaseDecision Refuse(string message) => new(null, message);
}
