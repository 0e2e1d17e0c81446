using Reconcile.Cli.Tests.Discrepancies;

namespace Reconcile.Cli.Tests.CommandLines;

/// <summary>The command line as a user meets it: help, version, typos, bad values and stray words (the real root command).</summary>
public sealed class ParsingTests
{
    private readonly CliHarness _cli = new(new FakeStore(), Cases.Morning);

    [Fact]
    public void Run_help_exits_0_and_lists_the_options_their_values_and_an_example()
    {
        _cli.Root("run", "--help").Should().Be(ExitCodes.Ok);

        _cli.Out.Should().Contain("--inbox <DIR>").And.Contain("--date <yyyy-MM-dd>").And.Contain("--bank <CEB|CITIC|PAB>")
            .And.Contain("--type <SECOND_HAND|RENOVATION>").And.Contain("--retention-days").And.Contain("--plain")
            .And.Contain("Example:").And.Contain("reconcile run --inbox ./inbox --date 2024-11-06");
        _cli.Error.Should().BeEmpty("help is not an error, even without the required options");
    }

    [Fact]
    public void Discrepancies_help_exits_0_and_lists_its_commands()
    {
        _cli.Root("discrepancies", "--help").Should().Be(ExitCodes.Ok);

        _cli.Out.Should().Contain("list").And.Contain("resolve <ID>").And.Contain("reopen <ID>").And.Contain("Example:");
    }

    [Theory]
    [InlineData("discrepancies", "list", "--format <table|csv|json>")]
    [InlineData("discrepancies", "resolve", "--reason <BOOKED_IN_LEDGER|ADJUSTED|REFUNDED|RECOVERED|BANK_ERROR|FALSE_ALARM>")]
    [InlineData("export", "inventory", "--format <csv|xlsx>")]
    [InlineData("users", "add", "--role <preparer|approver|auditor|admin>")]
    [InlineData("matches", "unmatch", "--serial <SERIAL> (REQUIRED)")]
    public void Every_sub_command_answers_help_with_its_options(string command, string sub, string option)
    {
        _cli.Root(command, sub, "--help").Should().Be(ExitCodes.Ok);

        _cli.Out.Should().Contain(option).And.Contain("Example:").And.Contain($"reconcile {command} {sub}");
    }

    [Fact]
    public void Version_prints_the_version()
    {
        _cli.Root("--version").Should().Be(ExitCodes.Ok);

        _cli.Out.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Fact]
    public void A_mistyped_command_exits_2_with_did_you_mean()
    {
        _cli.Root("discrepancies", "lst").Should().Be(ExitCodes.Rejected);

        _cli.Error.Should().Contain("'lst'").And.Contain("did you mean list?");
        _cli.Out.Should().BeEmpty();
    }

    [Fact]
    public void A_mistyped_option_exits_2_with_did_you_mean()
    {
        _cli.Root("run", "--inbox", "in", "--date", "2024-12-09", "--plan").Should().Be(ExitCodes.Rejected);

        _cli.Error.Should().Contain("'--plan'").And.Contain("did you mean --plain?").And.NotContain("needs a value");
    }

    [Fact]
    public void A_mistyped_required_option_names_both_the_typo_and_the_missing_option()
    {
        _cli.Root("run", "--inbox", "in", "--dat", "2024-12-09").Should().Be(ExitCodes.Rejected);

        _cli.Error.Should().Contain("did you mean --date?").And.Contain("'--date' is required");
    }

    [Theory]
    [InlineData("2024-13-09")]
    [InlineData("09/12/2024")]
    public void A_bad_date_names_the_token(string token)
    {
        _cli.Root("run", "--inbox", "in", "--date", token).Should().Be(ExitCodes.Rejected);

        _cli.Error.Should().Contain($"option --date: '{token}' is not a date of the form yyyy-MM-dd");
    }

    [Fact]
    public void A_bad_enum_value_names_the_token_and_the_allowed_values()
    {
        _cli.Root("run", "--inbox", "in", "--date", "2024-12-09", "--bank", "ICBC").Should().Be(ExitCodes.Rejected);

        _cli.Error.Should().Contain("option --bank: 'ICBC' is not one of CEB, CITIC, PAB");
    }

    [Fact]
    public void A_bad_number_names_the_token()
    {
        _cli.Root("run", "--inbox", "in", "--date", "2024-12-09", "--window", "two").Should().Be(ExitCodes.Rejected);

        _cli.Error.Should().Contain("option --window: 'two' is not a whole number");
    }

    [Fact]
    public void A_stray_word_is_an_error()
    {
        _cli.Root("run", "--inbox", "in", "--date", "2024-12-09", "tomorrow").Should().Be(ExitCodes.Rejected);

        _cli.Error.Should().Contain("'tomorrow'");
    }

    [Fact]
    public void A_group_without_its_command_exits_2_and_points_to_help()
    {
        _cli.Root("users").Should().Be(ExitCodes.Rejected);

        _cli.Error.Should().Contain("reconcile users --help");
    }

    [Fact]
    public void No_arguments_print_the_overview()
    {
        _cli.Root().Should().Be(ExitCodes.Ok);

        _cli.Out.Should().Contain("discrepancies").And.Contain("run").And.Contain("--version");
    }

    [Fact]
    public void Completion_bash_prints_a_script_that_asks_the_binary()
    {
        _cli.Root("completion", "bash").Should().Be(ExitCodes.Ok);

        _cli.Out.Should().Contain("complete -o default -F _reconcile_complete reconcile").And.Contain("[suggest:");
    }

    [Fact]
    public void Suggestions_pick_the_closest_known_word() =>
        Suggestions.Closest("--retension-days", ["--retention-days", "--window", "--store"]).Should().Be("--retention-days");
}
