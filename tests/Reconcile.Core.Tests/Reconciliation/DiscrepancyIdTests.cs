using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

/// <summary>
/// Ids are stored and compared across runs, so their text is pinned: "D-" + the first 16 hex digits of SHA-256 over
/// UTF-8 "category|account|bank_serial|ids;sorted|extra" (expected values computed independently with Python hashlib).
/// </summary>
public class DiscrepancyIdTests
{
    [Fact]
    public void Id_of_a_bank_line_finding_is_pinned()
    {
        DiscrepancyId.For(Category.BANK_ONLY, "8110701234500000", "C241106000112", [])
            .Should().Be("D-58b260082978e4fe");
    }

    [Fact]
    public void Id_sorts_the_entry_ids_ordinally()
    {
        DiscrepancyId.For(Category.AMOUNT_MISMATCH, "8110701234500000", "S1", ["L2", "L1"])
            .Should().Be("D-6770ea51139c26bf");
    }

    [Fact]
    public void Id_of_an_account_level_finding_uses_the_extra_key()
    {
        DiscrepancyId.For(Category.MISSING_STATEMENT, "8110701234500000", null, [], "2024-11-06")
            .Should().Be("D-8cfb0e65e4bfabb8");
    }

    [Fact]
    public void Id_hashes_non_ascii_text_as_UTF8()
    {
        DiscrepancyId.For(Category.DUPLICATE, "账户", "S1", [], "3").Should().Be("D-beae9ef8717d027a");
    }
}
