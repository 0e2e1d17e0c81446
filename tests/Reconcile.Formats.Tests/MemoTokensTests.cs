namespace Reconcile.Formats.Tests;

public sealed class MemoTokensTests
{
    [Theory]
    [InlineData("JG2024110600031首付款", "JG2024110600031")]
    [InlineData("装修存管ZX2024110600002", "ZX2024110600002")]
    [InlineData("ZX2024010045阶段款", "ZX2024010045")]
    [InlineData("合同 JG2024091203-退款", "JG2024091203")]
    [InlineData("合同JG2024A001B尾款", "JG2024A001B")]
    public void Contract_token_ends_at_the_first_character_that_is_not_an_ascii_letter_or_digit(string memo, string contract)
    {
        MemoTokens.Find(memo, "").ContractNo.Should().Be(contract);
    }

    [Fact]
    public void Payment_serial_ends_at_a_space()
    {
        MemoTokens.Find("PAY2024110600017 放款", "转账支出").Should().Be(new MemoTokens("PAY2024110600017", null, null));
    }

    [Fact]
    public void Batch_token_is_found_after_chinese_text()
    {
        MemoTokens.Find("批量代发BATCH20241106001，共3笔", "").BatchId.Should().Be("BATCH20241106001");
    }

    [Fact]
    public void Memo_and_summary_can_each_hold_tokens()
    {
        MemoTokens.Find("JG2024110600031首付款", "PAY2024110600099").Should()
            .Be(new MemoTokens("PAY2024110600099", null, "JG2024110600031"));
    }

    [Fact]
    public void Memo_wins_over_summary()
    {
        MemoTokens.Find("ZX2024010045", "JG2024110600031").ContractNo.Should().Be("ZX2024010045");
    }

    [Fact]
    public void First_token_of_a_kind_wins()
    {
        MemoTokens.Find("退款 ZX2024010045 原 JG2024110600031", "").ContractNo.Should().Be("ZX2024010045");
    }

    [Theory]
    [InlineData("REPAY2024110600017")]
    [InlineData("PAYMENT received")]
    [InlineData("PAY")]
    [InlineData("pay2024110600017")]
    [InlineData("")]
    public void Prefix_inside_a_word_or_without_a_digit_is_not_a_token(string memo)
    {
        MemoTokens.Find(memo, "").PaymentRef.Should().BeNull();
    }

    [Fact]
    public void Contract_prefix_inside_another_token_is_not_a_contract()
    {
        MemoTokens.Find("PAY2024JG001", "").Should().Be(new MemoTokens("PAY2024JG001", null, null));
    }
}
