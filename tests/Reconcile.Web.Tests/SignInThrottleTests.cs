using NodaTime;
using Reconcile.Web.Security;

namespace Reconcile.Web.Tests;

public sealed class SignInThrottleTests
{
    private sealed class Clock(Instant now) : NodaTime.IClock
    {
        public Instant Now { get; set; } = now;

        public Instant GetCurrentInstant() => Now;
    }

    [Fact]
    public void The_fifth_failure_locks_the_name_for_the_lockout_then_it_may_try_again()
    {
        var clock = new Clock(Instant.FromUtc(2024, 11, 7, 1, 0));
        var throttle = new SignInThrottle(clock, 5, Duration.FromMinutes(15));

        for (int i = 0; i < 4; i++)
        {
            throttle.Failed("Zhang ");
        }
        throttle.LockedFor("zhang").Should().BeNull("four failures do not lock");
        throttle.Failed("ZHANG");
        throttle.LockedFor("zhang").Should().Be(Duration.FromMinutes(15));

        clock.Now += Duration.FromMinutes(14);
        throttle.LockedFor("zhang").Should().Be(Duration.FromMinutes(1));
        clock.Now += Duration.FromMinutes(1);
        throttle.LockedFor("zhang").Should().BeNull();
        throttle.Failed("zhang");
        throttle.LockedFor("zhang").Should().BeNull("the count starts again after a lockout");
    }

    [Fact]
    public void A_success_clears_the_failures()
    {
        var throttle = new SignInThrottle(new Clock(Instant.FromUtc(2024, 11, 7, 1, 0)), 5, Duration.FromMinutes(15));
        for (int i = 0; i < 4; i++)
        {
            throttle.Failed("li");
        }

        throttle.Succeeded("li");
        throttle.Failed("li");

        throttle.LockedFor("li").Should().BeNull();
    }
}
