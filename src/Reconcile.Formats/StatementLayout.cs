using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// Recognises a statement's bank from its first non-blank line, never from its file name:
/// CEB by its title 中国光大银行对公账户交易明细 (or a 账号：-style preamble line, or its header);
/// CITIC by a header starting 账号,交易日期 with a 总交易流水号 column;
/// PAB by a header starting 交易时间,记账日期 with a 核心唯一流水号 column.
/// </summary>
internal static class StatementLayout
{
    public const string Expected =
        "one of the statement layouts: CEB (first line 中国光大银行对公账户交易明细, then 账号：/查询期间：/期初余额： and the header 交易日期,交易时间,借方发生额,贷方发生额,...), "
        + "CITIC (header 账号,交易日期,...,总交易流水号,...), PAB (header 交易时间,记账日期,...,核心唯一流水号,...)";

    /// <summary>The bank of the statement whose first non-blank record is the current one.</summary>
    public static Bank Detect(CsvInput input) =>
        TryDetect(input) ?? throw input.Error(null, $"found '{input.Describe()}', expected {Expected}");

    /// <summary>The bank of the statement whose first non-blank record is the current one; null for no known layout.</summary>
    public static Bank? TryDetect(CsvInput input)
    {
        ReadOnlySpan<byte> first = input.Span(0);
        if (first.SequenceEqual(CebStatementReader.TitleUtf8) || CebStatementReader.IsPreambleLabel(first) || IsCebHeader(input))
        {
            return Bank.CEB;
        }
        if (first.SequenceEqual("账号"u8) && input.Span(1).SequenceEqual("交易日期"u8) && Contains(input, "总交易流水号"u8))
        {
            return Bank.CITIC;
        }
        if (first.SequenceEqual("交易时间"u8) && input.Span(1).SequenceEqual("记账日期"u8) && Contains(input, "核心唯一流水号"u8))
        {
            return Bank.PAB;
        }
        return null;
    }

    private static bool IsCebHeader(CsvInput input) =>
        input.Span(0).SequenceEqual("交易日期"u8) && Contains(input, "借方发生额"u8) && Contains(input, "贷方发生额"u8);

    private static bool Contains(CsvInput input, ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < input.FieldCount; i++)
        {
            if (input.Span(i).SequenceEqual(name))
            {
                return true;
            }
        }
        return false;
    }
}
