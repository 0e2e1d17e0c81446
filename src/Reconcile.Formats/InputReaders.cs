using System.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>The escrow accounts of accounts.csv, looked up by account number.</summary>
public sealed class AccountRegistry
{
    private const int MaxAccountChars = 128;

    private readonly Dictionary<string, EscrowAccount> _byNumber;
    private readonly Dictionary<string, EscrowAccount>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public AccountRegistry(IEnumerable<EscrowAccount> accounts)
    {
        Accounts = accounts.OrderBy(a => a.AccountNo, StringComparer.Ordinal).ToList();
        _byNumber = Accounts.ToDictionary(a => a.AccountNo, StringComparer.Ordinal);
        _bySpan = _byNumber.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Ordinal-sorted by account number.</summary>
    public IReadOnlyList<EscrowAccount> Accounts { get; }

    public bool TryGet(string accountNo, out EscrowAccount account) => _byNumber.TryGetValue(accountNo, out account!);

    /// <summary>Looks an account number up from a CSV field's UTF-8 bytes without making a string of it.</summary>
    internal bool TryGet(ReadOnlySpan<byte> utf8, out EscrowAccount account)
    {
        if (utf8.Length > MaxAccountChars)
        {
            return _byNumber.TryGetValue(Encoding.UTF8.GetString(utf8), out account!);
        }
        Span<char> chars = stackalloc char[utf8.Length];
        int length = Encoding.UTF8.GetChars(utf8, chars);
        return _bySpan.TryGetValue(chars[..length], out account!);
    }
}
