using NodaTime;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>A clock that says what the test tells it.</summary>
internal sealed class FixedClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}
