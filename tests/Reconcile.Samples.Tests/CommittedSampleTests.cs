using System.Runtime.CompilerServices;
using NodaTime.Text;

namespace Reconcile.Samples.Tests;

/// <summary>samples/inbox is what the generator makes today from the options recorded in its expected.json.</summary>
public sealed class CommittedSampleTests
{
    [Fact]
    public void Committed_sample_inbox_is_up_to_date()
    {
        string committed = Path.Combine(RepositoryRoot(), "samples", "inbox");
        ExpectedInbox recorded = ExpectedJson.Read(Path.Combine(committed, ExpectedJson.FileName));
        using var dir = new TempDir();

        SampleGenerator.Generate(new SampleOptions(dir.Path, LocalDatePattern.Iso.Parse(recorded.FirstDate).Value, recorded.Days, recorded.LinesPerDay, recorded.Seed));

        string[] files = Relative(committed);
        files.Should().Equal(Relative(dir.Path), "samples/inbox holds exactly the generated files (regenerate it with `reconcile samples generate`)");
        foreach (string file in files)
        {
            File.ReadAllBytes(Path.Combine(committed, file)).Should().Equal(File.ReadAllBytes(Path.Combine(dir.Path, file)),
                $"samples/inbox/{file} is out of date: regenerate the sample (see samples/README.md)");
        }
    }

    private static string[] Relative(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        for (string? dir = Path.GetDirectoryName(source); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Reconcile.sln")))
            {
                return dir;
            }
        }
        throw new InvalidOperationException($"no Reconcile.sln above {source}");
    }
}
