using System.Text;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Model;

/// <summary>An escrow account of the sample registry.</summary>
/// <param name="Index">0-based position in accounts.csv; also the two digits in the account's serials and ids.</param>
/// <param name="Partition">0–5: CEB/SECOND_HAND, CEB/RENOVATION, CITIC/…, PAB/….</param>
/// <param name="Slot">0-based position of the account within its partition.</param>
internal sealed record SampleAccount(
    int Index,
    int Partition,
    int Slot,
    string AccountNo,
    Bank Bank,
    EscrowType Type,
    string City,
    string AccountName,
    LocalDate OpenedOn)
{
    public byte[] AccountBytes { get; } = Encoding.ASCII.GetBytes(AccountNo);

    public Text AccountNameText { get; } = new(AccountName);

    public byte[] BankCode { get; } = Encoding.ASCII.GetBytes(Bank.ToString());

    public byte[] TypeCode { get; } = Encoding.ASCII.GetBytes(Type.ToString());

    public bool SecondHand => Type == EscrowType.SECOND_HAND;
}
