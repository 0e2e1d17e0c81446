namespace Reconcile.Formats;

/// <summary>
/// Our references as they appear in a bank line's free text (CEB 用途, CITIC 附言, PAB 交易用途, and 摘要):
/// a payment serial <c>PAY…</c>, a batch number <c>BATCH…</c> and a contract number <c>JG…</c> (second-hand)
/// or <c>ZX…</c> (renovation).
/// </summary>
/// <remarks>
/// A token is the upper-case prefix, then a digit, then any further ASCII letters and digits; it ends at the
/// first other character, so Chinese text may follow directly ("JG2024110600031首付款" → JG2024110600031).
/// The prefix must not follow an ASCII letter or digit ("REPAY2024" holds no PAY token), and a prefix followed
/// by a letter is a word, not a token ("PAYMENT"). The memo is searched before the summary; the first token of
/// each kind wins.
/// </remarks>
internal readonly record struct MemoTokens(string? PaymentRef, string? BatchId, string? ContractNo)
{
    /// <param name="pool">Where batch and contract numbers (which repeat across lines) are shared; payment serials are unique.</param>
    public static MemoTokens Find(string memo, string summary, TextPool? pool = null) => new(
        First(memo, summary, "PAY", null, null),
        First(memo, summary, "BATCH", null, pool),
        First(memo, summary, "JG", "ZX", pool));

    private static string? First(string memo, string summary, string prefix, string? otherPrefix, TextPool? pool) =>
        Find(memo, prefix, otherPrefix, pool) ?? Find(summary, prefix, otherPrefix, pool);

    /// <summary>The first token in <paramref name="text"/> starting with either prefix.</summary>
    private static string? Find(string text, string prefix, string? otherPrefix, TextPool? pool)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (i > 0 && IsAsciiAlphanumeric(text[i - 1]))
            {
                continue;
            }
            int length = TokenLength(text, i, prefix);
            if (length == 0 && otherPrefix is not null)
            {
                length = TokenLength(text, i, otherPrefix);
            }
            if (length > 0)
            {
                return pool is null ? text.Substring(i, length) : pool.Get(text.AsSpan(i, length));
            }
        }
        return null;
    }

    private static int TokenLength(string text, int start, string prefix)
    {
        int body = start + prefix.Length;
        if (body >= text.Length || !char.IsAsciiDigit(text[body]) || string.CompareOrdinal(text, start, prefix, 0, prefix.Length) != 0)
        {
            return 0;
        }
        int end = body + 1;
        while (end < text.Length && IsAsciiAlphanumeric(text[end]))
        {
            end++;
        }
        return end - start;
    }

    private static bool IsAsciiAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);
}
