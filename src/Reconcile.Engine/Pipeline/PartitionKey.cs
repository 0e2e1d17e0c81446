using Reconcile.Core.Model;

namespace Reconcile.Engine.Pipeline;

/// <summary>A partition of a run: one bank × escrow type. Every pipeline message carries the key of its partition.</summary>
public readonly record struct PartitionKey(Bank Bank, EscrowType Type) : IComparable<PartitionKey>
{
    public static PartitionKey Of(EscrowAccount account) => new(account.Bank, account.Type);

    /// <summary>Ordinal by the codes as written: (bank, escrow type).</summary>
    public int CompareTo(PartitionKey other)
    {
        int c = string.CompareOrdinal(Bank.ToString(), other.Bank.ToString());
        return c != 0 ? c : string.CompareOrdinal(Type.ToString(), other.Type.ToString());
    }

    /// <summary>"CEB/SECOND_HAND".</summary>
    public override string ToString() => $"{Bank}/{Type}";

    /// <summary>A name usable in actor paths: "CEB-SECOND_HAND".</summary>
    public string PathName => $"{Bank}-{Type}";
}
