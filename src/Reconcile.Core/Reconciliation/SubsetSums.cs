namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The sets of 2 to 4 amounts, out of at most <see cref="SumCandidates.MaxPerKey"/>, that add up exactly to a target
/// (rungs 6 and 7). Every set is tried: at most C(12,2) + C(12,3) + C(12,4) = 781 sums, so the answer (how many
/// sets fit, which amounts take part in any of them) does not depend on the order of the amounts.
/// </summary>
internal static class SubsetSums
{
    public const int MinParts = 2;
    public const int MaxParts = 4;

    /// <summary>The sets that fit, as bit masks over the positions of <paramref name="amounts"/>.</summary>
    public static SubsetFit Find(ReadOnlySpan<long> amounts, long target)
    {
        if (amounts.Length > SumCandidates.MaxPerKey)
        {
            throw new ArgumentException($"at most {SumCandidates.MaxPerKey} amounts are searched", nameof(amounts));
        }
        int n = amounts.Length;
        int fits = 0;
        int union = 0;
        int first = 0;
        void Fit(int mask)
        {
            if (fits++ == 0)
            {
                first = mask;
            }
            union |= mask;
        }

        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                long ab = checked(amounts[a] + amounts[b]);
                if (ab == target)
                {
                    Fit((1 << a) | (1 << b));
                }
                if (ab >= target)
                {
                    continue; // amounts are positive: a larger set only grows
                }
                for (int c = b + 1; c < n; c++)
                {
                    long abc = checked(ab + amounts[c]);
                    if (abc == target)
                    {
                        Fit((1 << a) | (1 << b) | (1 << c));
                    }
                    if (abc >= target)
                    {
                        continue;
                    }
                    for (int d = c + 1; d < n; d++)
                    {
                        if (checked(abc + amounts[d]) == target)
                        {
                            Fit((1 << a) | (1 << b) | (1 << c) | (1 << d));
                        }
                    }
                }
            }
        }
        return new SubsetFit(fits, union, first);
    }
}

/// <summary>How many sets fit, the positions in any of them, and the first set found.</summary>
internal readonly record struct SubsetFit(int Fits, int Union, int First)
{
    /// <summary>The items at the positions of <paramref name="mask"/>, in their order.</summary>
    public static int[] Pick(ReadOnlySpan<int> items, int mask)
    {
        var picked = new int[int.PopCount(mask)];
        int k = 0;
        for (int p = 0; p < items.Length; p++)
        {
            if ((mask & (1 << p)) != 0)
            {
                picked[k++] = items[p];
            }
        }
        return picked;
    }
}
