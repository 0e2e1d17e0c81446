using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>The escrow accounts of accounts.csv, looked up by account number.</summary>
public sealed class AccountRegistry
{
    private readonly Dictionary<string, EscrowAccount> _byNumber;

    public AccountRegistry(IEnumerable<EscrowAccount> accounts)
    {
        Accounts = accounts.OrderBy(a => a.AccountNo, StringComparer.Ordinal).ToList();
        _byNumber = Accounts.ToDictionary(a => a.AccountNo, StringComparer.Ordinal);
    }

    /// <summary>Ordinal-sorted by account number.</summary>
    public IReadOnlyList<EscrowAccount> Accounts { get; }

    public bool TryGet(string accountNo, out EscrowAccount account) => _byNumber.TryGetValue(accountNo, out account!);
}
