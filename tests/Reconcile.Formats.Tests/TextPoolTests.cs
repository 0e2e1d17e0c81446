using System.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class TextPoolTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Equal_values_are_one_string_whether_given_as_chars_or_utf8()
    {
        var pool = new TextPool();

        string first = pool.Get("JG2024110600031".AsSpan());
        string again = pool.Get(Encoding.UTF8.GetBytes("JG2024110600031"));
        string chinese = pool.Get(Encoding.UTF8.GetBytes("跨行转入"));

        again.Should().BeSameAs(first);
        pool.Get("跨行转入".AsSpan()).Should().BeSameAs(chinese).And.Be("跨行转入");
        pool.Get("JG2024110600032".AsSpan()).Should().Be("JG2024110600032").And.NotBeSameAs(first);
        pool.Count.Should().Be(3);
    }

    [Fact]
    public void Empty_is_the_empty_string_and_long_text_is_read_but_not_held()
    {
        var pool = new TextPool();
        string longText = new('备', 200);

        pool.Get(ReadOnlySpan<byte>.Empty).Should().BeSameAs(string.Empty);
        pool.Get(Encoding.UTF8.GetBytes(longText)).Should().Be(longText);
        pool.Count.Should().Be(0);
    }

    [Fact]
    public void Threads_asking_for_the_same_values_get_the_same_strings()
    {
        var pool = new TextPool();
        string[][] seen = new string[8][];

        Parallel.For(0, seen.Length, t => seen[t] = Enumerable.Range(0, 5_000).Select(i => pool.Get($"ZX{i:D10}".AsSpan())).ToArray());

        for (int i = 0; i < 5_000; i++)
        {
            seen.Select(s => s[i]).Distinct(ReferenceEqualityComparer.Instance).Should().ContainSingle();
        }
        pool.Count.Should().Be(5_000);
    }

    [Fact]
    public void A_statement_and_the_ledger_read_with_one_pool_share_contract_and_sub_account_strings()
    {
        var pool = new TextPool();
        var lines = new List<BankLine>();
        var entries = new List<LedgerEntry>();

        StatementReader.Read(_folder.Write("citic.csv", Examples.Citic), TestRegistry.Default, lines.Add, pool);
        LedgerReader.Read(_folder.Write("ledger.csv", Examples.Ledger), TestRegistry.Default, entries.Add, pool);

        BankLine line = lines.Single(l => l.Serial == "S241106001377");
        LedgerEntry entry = entries.Single(e => e.EntryId == "L000003");
        line.ContractNo.Should().Be("ZX2024010045").And.BeSameAs(entry.ContractNo);
        line.SubAccountNo.Should().Be("8110701234500007").And.BeSameAs(entry.SubAccountNo);
    }

    [Fact]
    public void A_pooled_column_with_doubled_quotes_reads_as_its_unescaped_text()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With(",JG2024110600031,CEB-", ",\"JG\"\"31\"\"\",CEB-"));
        var entries = new List<LedgerEntry>();

        LedgerReader.Read(path, TestRegistry.Default, entries.Add, new TextPool());

        entries[0].ContractNo.Should().Be("JG\"31\"");
    }
}
