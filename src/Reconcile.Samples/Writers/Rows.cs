using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>
/// A numbered reference of one account: a bank serial, an entry id, a payment serial, a batch number. Printed as
/// a prefix, the date of <see cref="Day"/>, the account's two-digit index and <see cref="Seq"/> (see
/// <see cref="Ids"/>). <see cref="Seq"/> 0 means none.
/// </summary>
internal readonly record struct Ref(int Day, long Seq)
{
    public static readonly Ref None = default;

    public bool IsNone => Seq == 0;
}

/// <summary>One transaction row of a statement, before the running balance is known.</summary>
internal struct BankRow
{
    /// <summary>Beijing time of 交易时间 in seconds of its day.</summary>
    public int Seconds;

    /// <summary>The day of 交易时间 relative to the booking day: 0, or −1 for a PAB late-evening deposit booked the next day.</summary>
    public int TxDayOffset;

    public Direction Direction;
    public long AmountFen;
    public Ref Serial;
    public Party? Party;

    /// <summary>The contract whose number is written into the memo, when <see cref="ContractInMemo"/>.</summary>
    public Contract? Contract;

    public bool ContractInMemo;

    /// <summary>CITIC 附属账号 / PAB 见证子账户 (null: empty).</summary>
    public byte[]? SubAccount;

    /// <summary>PAB 交易网会员代码 (null: empty).</summary>
    public byte[]? MemberCode;

    public Ref PayRef;
    public Ref Batch;
    public Text Summary;
    public Text Memo;

    /// <summary>CITIC 冲正流水号: the serial of the row this one reverses.</summary>
    public Ref ReversalOf;

    /// <summary>CEB 凭证号 on payouts.</summary>
    public bool Voucher;

    public readonly long Signed => Direction == Direction.IN ? AmountFen : -AmountFen;
}

/// <summary>One row of ledger.csv.</summary>
internal struct LedgerRow
{
    /// <summary>entry_id; its day is the accounting day.</summary>
    public Ref Entry;

    public Ref Order;
    public Contract Contract;
    public LedgerKind Kind;
    public long AmountFen;
    public LedgerStatus Status;

    /// <summary>created_at, Beijing: day index and seconds of that day (may fall outside [0, 86400): normalised when written).</summary>
    public int CreatedDay;
    public int CreatedSeconds;

    public bool Settled;
    public int SettledDay;
    public int SettledSeconds;

    /// <summary>Write the timestamps in UTC (Z) rather than +08:00.</summary>
    public bool Utc;

    public Ref PayRef;
    public Ref BankSerial;
    public Ref Batch;
    public Party? Party;
    public Text Remark;

    public readonly long Signed => Kind.ToDirection() == Direction.IN ? AmountFen : -AmountFen;
}
