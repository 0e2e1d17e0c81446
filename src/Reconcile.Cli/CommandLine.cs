using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Reconcile.Cli;

/// <summary>A usage error: the CLI prints the message (and the command's usage) and exits 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Parsed arguments of one command: <c>--name value</c> options, <c>--flag</c> switches and positionals.
/// Every option must be consumed by the command; an unknown one is a usage error.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Options that never take a value, whatever the command.</summary>
    private static readonly HashSet<string> AlwaysSwitches = new(StringComparer.Ordinal) { "password-stdin" };

    public CommandLine(IEnumerable<string> args, IReadOnlySet<string>? switches = null)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                string name = a[2..];
                string? value = null;
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (!AlwaysSwitches.Contains(name) && (switches is null || !switches.Contains(name)))
                {
                    if (i + 1 >= list.Count)
                    {
                        throw new UsageException($"option --{name} needs a value");
                    }
                    value = list[++i];
                }
                if (!_options.TryAdd(name, value))
                {
                    throw new UsageException($"option --{name} is given twice");
                }
            }
            else
            {
                Positionals.Add(a);
            }
        }
    }

    public List<string> Positionals { get; } = [];

    public string? Optional(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out string? v) ? v : null;
    }

    public string Required(string name) => Optional(name) ?? throw new UsageException($"option --{name} is required");

    public bool Switch(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

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

    /// <summary>Throws when an option was given that the command did not ask for.</summary>
    public void EnsureAllUsed()
    {
        foreach (string name in _options.Keys)
        {
            if (!_used.Contains(name))
            {
                throw new UsageException($"unknown option --{name}");
            }
        }
    }

    private static LocalDate ParseDate(string name, string value)
    {
        ParseResult<LocalDate> r = LocalDatePattern.Iso.Parse(value);
        return r.Success ? r.Value : throw new UsageException($"option --{name}: '{value}' is not a date of the form yyyy-MM-dd");
    }

    private static T ParseEnum<T>(string name, string value)
        where T : struct, Enum
    {
        if (System.Enum.TryParse(value, ignoreCase: true, out T parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }
        throw new UsageException($"option --{name}: '{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
    }
}
