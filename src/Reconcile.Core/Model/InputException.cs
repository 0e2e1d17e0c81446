namespace Reconcile.Core.Model;

/// <summary>
/// Input that cannot be accepted. The message names the file, line and column, what was found and what was
/// expected, in words a finance user can act on. The CLI prints <see cref="Exception.Message"/> and exits 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string file, int line, string? column, string problem)
        : base(Format(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based physical line; 0 when the problem concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>The column's header name (and position where useful); null when not about one column.</summary>
    public string? Column { get; }

    public string Problem { get; }

    private static string Format(string file, int line, string? column, string problem)
    {
        string where = line > 0 ? $"{file}, line {line}" : file;
        if (!string.IsNullOrEmpty(column))
        {
            where += $", column {column}";
        }
        return $"{where}: {problem}";
    }
}
