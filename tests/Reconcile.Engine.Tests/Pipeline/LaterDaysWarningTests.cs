using NodaTime;
using Reconcile.Engine.Pipeline;

namespace Reconcile.Engine.Tests.Pipeline;

public sealed class LaterDaysWarningTests
{
    private static readonly LocalDate D6 = new(2024, 11, 6);

    [Fact]
    public void Re_running_a_day_after_later_days_names_them()
    {
        var last = new Dictionary<string, LocalDate> { ["A"] = new(2024, 11, 8), ["B"] = new(2024, 11, 7), ["C"] = D6 };

        string? warning = DailyRun.LaterDaysWarning(D6, last);

        warning.Should().Be("warning: 2024-11-06 is run again after later days were run (2 account(s), up to 2024-11-08): "
            + "what they carried forward rests on the 2024-11-06 result being replaced; run 2024-11-07 … 2024-11-08 again, in order, to bring them in line");
    }

    [Fact]
    public void One_later_day_is_named_once()
    {
        DailyRun.LaterDaysWarning(D6, new Dictionary<string, LocalDate> { ["A"] = D6.PlusDays(1) })
            .Should().EndWith("run 2024-11-07 again to bring it in line");
    }

    [Fact]
    public void Running_the_next_day_or_the_same_day_again_warns_of_nothing()
    {
        var last = new Dictionary<string, LocalDate> { ["A"] = D6, ["B"] = D6.PlusDays(-1) };

        DailyRun.LaterDaysWarning(D6, last).Should().BeNull();
        DailyRun.LaterDaysWarning(D6, new Dictionary<string, LocalDate>()).Should().BeNull();
    }
}
