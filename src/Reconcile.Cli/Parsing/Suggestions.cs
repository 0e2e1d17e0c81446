namespace Reconcile.Cli;

/// <summary>The "did you mean" of a mistyped command or option: the known word at the smallest edit distance.</summary>
public static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="typed"/> (at most a third of its letters off, or one it starts), or null.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        string bare = typed.Split('=', 2)[0];
        int allowed = Math.Max(1, bare.TrimStart('-').Length / 3);
        return candidates
            .Select(c => (Word: c, Distance: c.StartsWith(bare, StringComparison.OrdinalIgnoreCase) && bare.TrimStart('-').Length > 0 ? 0 : Distance(bare, c)))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Word, StringComparer.Ordinal)
            .Select(c => c.Word)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance, ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
