using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Reconcile.Cli;

/// <summary>A usage error a command finds after parsing: the CLI prints the message and exits 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The values of one parsed command, as the handlers in Commands/ read them: <c>--name</c> → the token given (the
/// parser of <see cref="ReconcileCli"/> has already checked names, arity, dates, enums and numbers) and the
/// positional arguments. Options not given are absent, so a handler's default applies.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public CommandLine(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (SymbolResult child in parse.CommandResult.Children)
        {
            switch (child)
            {
                case OptionResult { Implicit: false } o:
                    string? value = o.Tokens.Count > 0 ? o.Tokens[0].Value : null;
                    if (o.Option is Option<bool> && value is not null && !bool.Parse(value))
                    {
                        continue;
                    }
                    _options[o.Option.Name.TrimStart('-')] = value;
                    break;
                case ArgumentResult a:
                    Positionals.AddRange(a.Tokens.Select(t => t.Value));
                    break;
            }
        }
    }

    /// <summary>Values already split (tests that call a handler directly, without the parser).</summary>
    internal CommandLine(IReadOnlyDictionary<string, string?> options, IEnumerable<string> positionals)
    {
        _options = new Dictionary<string, string?>(options, StringComparer.Ordinal);
        Positionals.AddRange(positionals);
    }

    public List<string> Positionals { get; } = [];

    public string? Optional(string name) => _options.TryGetValue(name, out string? v) ? v : null;

    public string Required(string name) => Optional(name) ?? throw new UsageException($"option --{name} is required");

    public bool Switch(string name) => _options.ContainsKey(name);

    public LocalDate Date(string name) => ParseDate(name, Required(name));

    public LocalDate? OptionalDate(string name) => Optional(name) is { } v ? ParseDate(name, v) : null;

    public int Int(string name, int defaultValue, int min = int.MinValue)
    {
        string? v = Optional(name);
        if (v is null)
        {
            return defaultValue;
        }
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < min)
        {
            throw new UsageException($"option --{name}: '{v}' is not a whole number" + (min > int.MinValue ? $" of at least {min}" : ""));
        }
        return n;
    }

    public T Enum<T>(string name, T defaultValue)
        where T : struct, Enum => Optional(name) is { } v ? ParseEnum<T>(name, v) : defaultValue;

    public T? OptionalEnum<T>(string name)
        where T : struct, Enum => Optional(name) is { } v ? ParseEnum<T>(name, v) : null;

    /// <summary>Kept for the handlers' shape: the parser already refused every option the command does not declare.</summary>
    public void EnsureAllUsed()
    {
    }

    private static LocalDate ParseDate(string name, string value)
    {
        ParseResult<LocalDate> r = LocalDatePattern.Iso.Parse(value);
        return r.Success ? r.Value : throw new UsageException($"option --{name}: '{value}' is not a date of the form yyyy-MM-dd");
    }

    private static T ParseEnum<T>(string name, string value)
        where T : struct, Enum =>
        CliOptions.TryParseEnum(value, out T parsed)
            ? parsed
            : throw new UsageException($"option --{name}: '{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
}
