using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Cli;

/// <summary>
/// The options the commands share, and typed options whose parser names the offending token (dates yyyy-MM-dd,
/// enums, whole numbers, amounts). Each call returns a new option: an option belongs to one command.
/// </summary>
public static class CliOptions
{
    public static Option<string> Store() => Text("--store", "The store: an SQLite file or a PostgreSQL connection string (default: RECONCILE_STORE, else reconcile.db).", "PATH|CONNSTR");

    public static Option<string> By() => Text("--by", "Who acts (a user of the store; their password is asked at the terminal, read with --password-stdin, or a token from RECONCILE_TOKEN).", "NAME");

    public static Option<bool> PasswordStdin() => new("--password-stdin") { Description = "Read the password from the first line of standard input." };

    public static Option<string> Note(bool required = false) => Text("--note", "Why (kept in the case's history).", "TEXT", required);

    /// <summary>Adds the command's own options, then (for an action by a person) --by and --password-stdin, then --store.</summary>
    public static void AddWithStore(Command command, IEnumerable<Option> options, bool actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        foreach (Option option in options)
        {
            command.Add(option);
        }
        if (actor)
        {
            command.Add(By());
            command.Add(PasswordStdin());
        }
        command.Add(Store());
    }

    public static Option<string> Text(string name, string description, string helpName, bool required = false) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = required,
    };

    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    /// <summary>A date of the form yyyy-MM-dd.</summary>
    public static Option<LocalDate> Date(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        HelpName = "yyyy-MM-dd",
        Required = required,
        CustomParser = r => Single<LocalDate>(r, t => LocalDatePattern.Iso.Parse(t) is { Success: true } p ? p.Value : null, "is not a date of the form yyyy-MM-dd") ?? default,
    };

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static Option<int> WholeNumber(string name, string description, int min = 0, string helpName = "N") => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = r => Single<int>(
            r,
            t => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) && n >= min ? n : null,
            $"is not a whole number of at least {min}") ?? 0,
    };

    /// <summary>An amount in yuan (at most two decimals), e.g. 1000.00.</summary>
    public static Option<string> Yuan(string name, string description, bool allowNegative = false) => new(name)
    {
        Description = description,
        HelpName = "YUAN",
        CustomParser = r => Single(
            r,
            t => Money.TryParseYuan(t, out Money m) && (allowNegative || !m.IsNegative) ? t : null,
            allowNegative ? "is not an amount in yuan (e.g. 10.00 or -10.00)" : "is not an amount in yuan (e.g. 1000.00)"),
    };

    /// <summary>One of the names of <typeparamref name="T"/> (any case); the help and the completion list them.</summary>
    public static Option<T?> Enum<T>(string name, string description, bool required = false)
        where T : struct, Enum
    {
        string[] names = System.Enum.GetNames<T>();
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            Required = required,
            CustomParser = r => Single<T>(r, t => TryParseEnum(t, out T v) ? v : null, $"is not one of {string.Join(", ", names)}"),
        };
        option.CompletionSources.Add(names);
        return option;
    }

    /// <summary>One of <paramref name="values"/> (any case).</summary>
    public static Option<string> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', values),
            CustomParser = r => Single(r, t => values.Contains(t, StringComparer.OrdinalIgnoreCase) ? t : null, $"is not one of {string.Join(", ", values)}"),
        };
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary>A name of <typeparamref name="T"/> in any case, never a number.</summary>
    public static bool TryParseEnum<T>(string value, out T parsed)
        where T : struct, Enum =>
        System.Enum.TryParse(value, ignoreCase: true, out parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _);

    private static T? Single<T>(ArgumentResult r, Func<string, T?> parse, string expected)
        where T : struct
    {
        string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (parse(token) is { } value)
        {
            return value;
        }
        r.AddError($"{Name(r)}: '{token}' {expected}");
        return null;
    }

    private static string? Single(ArgumentResult r, Func<string, string?> parse, string expected)
    {
        string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (parse(token) is { } value)
        {
            return value;
        }
        r.AddError($"{Name(r)}: '{token}' {expected}");
        return null;
    }

    private static string Name(ArgumentResult r) => r.Parent is OptionResult o ? $"option {o.Option.Name}" : $"argument {r.Argument.Name}";
}
