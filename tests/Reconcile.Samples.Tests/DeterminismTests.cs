namespace Reconcile.Samples.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_identical_bytes_for_every_file()
    {
        using var dir = new TempDir();
        SampleGenerator.Generate(new SampleOptions(dir.Sub("a"), GeneratedInbox.FirstDate, 3, 2000, 7));
        SampleGenerator.Generate(new SampleOptions(dir.Sub("b"), GeneratedInbox.FirstDate, 3, 2000, 7));

        Dictionary<string, byte[]> a = Files(dir.Sub("a"));
        Dictionary<string, byte[]> b = Files(dir.Sub("b"));
        a.Keys.Should().BeEquivalentTo(b.Keys);
        a.Should().HaveCountGreaterThan(40);
        foreach ((string name, byte[] bytes) in a)
        {
            b[name].AsSpan().SequenceEqual(bytes).Should().BeTrue($"{name} must be byte-identical for the same seed");
        }
    }

    [Fact]
    public void The_number_of_threads_does_not_change_a_byte()
    {
        using var dir = new TempDir();
        SampleGenerator.Generate(new SampleOptions(dir.Sub("one"), GeneratedInbox.FirstDate, 2, 3000, 5), workers: 1);
        SampleGenerator.Generate(new SampleOptions(dir.Sub("many"), GeneratedInbox.FirstDate, 2, 3000, 5), workers: 6);

        Dictionary<string, byte[]> one = Files(dir.Sub("one"));
        Dictionary<string, byte[]> many = Files(dir.Sub("many"));
        one.Keys.Should().BeEquivalentTo(many.Keys);
        foreach ((string name, byte[] bytes) in one)
        {
            many[name].AsSpan().SequenceEqual(bytes).Should().BeTrue($"{name} must not depend on the thread count");
        }
    }

    [Fact]
    public void Different_seed_gives_different_files()
    {
        using var dir = new TempDir();
        SampleGenerator.Generate(new SampleOptions(dir.Sub("a"), GeneratedInbox.FirstDate, 1, 300, 1));
        SampleGenerator.Generate(new SampleOptions(dir.Sub("b"), GeneratedInbox.FirstDate, 1, 300, 2));

        Dictionary<string, byte[]> a = Files(dir.Sub("a"));
        Dictionary<string, byte[]> b = Files(dir.Sub("b"));
        foreach (string name in new[] { "accounts.csv", "2024-11-06/ledger.csv", "2024-11-06/subaccounts.csv", "expected.json" })
        {
            a[name].AsSpan().SequenceEqual(b[name]).Should().BeFalse($"{name} should differ between seeds 1 and 2");
        }
    }

    [Fact]
    public void A_directory_that_is_not_empty_is_refused()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.Sub("keep.txt"), "mine");

        Action generate = () => SampleGenerator.Generate(new SampleOptions(dir.Path, GeneratedInbox.FirstDate));

        generate.Should().Throw<IOException>().WithMessage("*not empty*");
        File.ReadAllText(dir.Sub("keep.txt")).Should().Be("mine");
    }

    [Fact]
    public void Bank_lines_per_day_are_about_the_requested_number()
    {
        using var dir = new TempDir();
        SampleResult result = SampleGenerator.Generate(new SampleOptions(dir.Path, GeneratedInbox.FirstDate, 1, 20_000, 3));

        // Bulk pairs share the 20,000 exactly; planted rows and one fee or interest row per account come on top.
        result.BankLines.Should().BeInRange(20_000, 20_100);
        result.LedgerEntries.Should().BeInRange(20_000, 20_600);
        result.Accounts.Should().Be(15);
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
}
