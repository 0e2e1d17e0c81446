using NodaTime;

namespace Reconcile.Engine.Tests.Pipeline.Fakes;

/// <summary>A clock that always says the same instant.</summary>
public sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
