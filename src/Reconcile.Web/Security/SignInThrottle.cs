using System.Collections.Concurrent;
using NodaTime;

namespace Reconcile.Web.Security;

/// <summary>
/// Locks a user name out after <see cref="MaxFailures"/> failed sign-ins in a row, for <see cref="Lockout"/>
/// (also when the next password is right). Kept in the server's memory: a restart forgets it. Unknown names are
/// counted like known ones, so the lockout says nothing about which names exist.
/// </summary>
public sealed class SignInThrottle(IClock clock, int maxFailures, Duration lockout)
{
    private readonly ConcurrentDictionary<string, (int Failures, Instant? LockedUntil)> _state = new(StringComparer.Ordinal);

    public int MaxFailures { get; } = maxFailures;

    public Duration Lockout { get; } = lockout;

    /// <summary>How long the name stays locked (null: not locked).</summary>
    public Duration? LockedFor(string name)
    {
        Instant now = clock.GetCurrentInstant();
        return _state.TryGetValue(Key(name), out var s) && s.LockedUntil is { } until && until > now ? until - now : null;
    }

    public void Failed(string name) => _state.AddOrUpdate(
        Key(name),
        _ => MaxFailures <= 1 ? (0, clock.GetCurrentInstant() + Lockout) : (1, null),
        (_, s) =>
        {
            if (s.LockedUntil is { } until && until <= clock.GetCurrentInstant())
            {
                s = (0, null);
            }
            int failures = s.Failures + 1;
            return failures >= MaxFailures ? (0, clock.GetCurrentInstant() + Lockout) : (failures, s.LockedUntil);
        });

    public void Succeeded(string name) => _state.TryRemove(Key(name), out _);

    private static string Key(string name) => name.Trim().ToUpperInvariant();
}
