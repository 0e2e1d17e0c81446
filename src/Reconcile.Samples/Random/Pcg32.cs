namespace Reconcile.Samples.Random;

/// <summary>
/// PCG-XSH-RR 64/32 (O'Neill, pcg-random.org): a small, fast generator whose output sequence is fixed by this
/// code, so the same seed gives the same samples on every runtime version (System.Random promises no such
/// thing). Each stream (an account, the plan) gets its own generator derived from the seed with SplitMix64.
/// Not thread-safe: one generator per thread of work.
/// </summary>
internal sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;

    private ulong _state;
    private readonly ulong _increment;

    /// <summary>The generator of <paramref name="stream"/> under <paramref name="seed"/>.</summary>
    public Pcg32(long seed, int stream)
        : this(Derive(seed, stream, out ulong sequence), sequence)
    {
    }

    /// <summary>Seeded exactly as the reference <c>pcg32_srandom_r(initState, initSequence)</c>.</summary>
    public Pcg32(ulong initState, ulong initSequence)
    {
        _increment = (initSequence << 1) | 1UL;
        _state = 0;
        NextUInt();
        _state = unchecked(_state + initState);
        NextUInt();
    }

    public uint NextUInt()
    {
        unchecked
        {
            ulong old = _state;
            _state = old * Multiplier + _increment;
            uint xorShifted = (uint)(((old >> 18) ^ old) >> 27);
            int rot = (int)(old >> 59);
            return (xorShifted >> rot) | (xorShifted << ((-rot) & 31));
        }
    }

    /// <summary>A number in [0, <paramref name="bound"/>) (multiply-shift; the bias is below 2^-32 · bound).</summary>
    public int Next(int bound)
    {
        if (bound <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "must be positive");
        }
        return (int)(((ulong)NextUInt() * (ulong)bound) >> 32);
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>] (inclusive).</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>] (inclusive) for wide ranges.</summary>
    public long Between(long min, long max)
    {
        ulong range = (ulong)(max - min) + 1UL;
        ulong wide = unchecked(((ulong)NextUInt() << 32) | NextUInt());
        return min + (long)(wide % range);
    }

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Chance(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Derive(long seed, int stream, out ulong sequence)
    {
        ulong mix = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)stream * 0xD1B54A32D192ED03UL);
        sequence = SplitMix64(ref mix);
        return SplitMix64(ref mix);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        unchecked
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
