using System.Text;

namespace Reconcile.Samples.Model;

/// <summary>
/// One contract of an escrow account and its sub-account: who pays in (the buyer / home owner), who is paid out
/// (the seller / contractor) and the sub-account's running book balance. The account's own general-ledger
/// sub-account (fees, interest) is a contract with no contract number.
/// </summary>
internal sealed class Contract
{
    public Contract(string contractNo, string subAccountNo, string memberCode, Party? buyer, Party? payee, long balanceFen, bool planted)
    {
        ContractNo = contractNo;
        ContractBytes = Encoding.ASCII.GetBytes(contractNo);
        SubAccountNo = subAccountNo;
        SubAccountBytes = Encoding.ASCII.GetBytes(subAccountNo);
        MemberCode = Encoding.ASCII.GetBytes(memberCode);
        Buyer = buyer;
        Payee = payee;
        BalanceFen = balanceFen;
        Planted = planted;
    }

    public string ContractNo { get; }

    public byte[] ContractBytes { get; }

    public string SubAccountNo { get; }

    public byte[] SubAccountBytes { get; }

    /// <summary>PAB 交易网会员代码 of the buyer.</summary>
    public byte[] MemberCode { get; }

    /// <summary>Who pays in; null for the general-ledger sub-account.</summary>
    public Party? Buyer { get; }

    /// <summary>Who is paid out (seller or contractor); null for the general-ledger sub-account.</summary>
    public Party? Payee { get; }

    /// <summary>The book balance: initial balance plus every SUCCESS entry so far.</summary>
    public long BalanceFen { get; set; }

    /// <summary>Reserved for a planted situation: bulk traffic never touches it.</summary>
    public bool Planted { get; }
}
