namespace Reconcile.Formats;

/// <summary>
/// The <c>:86:</c> information of one MT940 statement line. Structured when it starts with a known code between
/// slashes — the codes banks use in their SEPA-style :86: (<c>/EREF/</c> end-to-end reference, <c>/PREF/</c> batch
/// payment information, <c>/CNTP/account/BIC/name/city/</c> counterparty, <c>/IBAN/</c>, <c>/BIC/</c>, <c>/NAME/</c>,
/// <c>/REMI/</c> remittance text, <c>/TRTP/</c> transaction type) and ours (<c>/SUBA/</c> the escrow sub-account,
/// <c>/RVSL/</c> the serial a reversal reverses); otherwise the whole text is the memo.
/// </summary>
internal sealed record Mt940Information(
    string? EndToEndId,
    string? BatchRef,
    string? CounterpartyAccount,
    string? CounterpartyBank,
    string? CounterpartyName,
    string? Remittance,
    string? TransactionType,
    string? SubAccount,
    string? ReversalOf)
{
    public static readonly Mt940Information None = new(null, null, null, null, null, null, null, null, null);

    private static readonly string[] Codes = ["EREF", "PREF", "CNTP", "IBAN", "BIC", "NAME", "REMI", "TRTP", "SUBA", "RVSL"];

    public static Mt940Information Parse(string text)
    {
        if (text.Length == 0)
        {
            return None;
        }
        var found = new List<(int At, string Code)>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '/')
            {
                continue;
            }
            foreach (string code in Codes)
            {
                if (string.CompareOrdinal(text, i + 1, code, 0, code.Length) == 0 && i + 1 + code.Length < text.Length && text[i + 1 + code.Length] == '/')
                {
                    found.Add((i, code));
                    i += code.Length;
                    break;
                }
            }
        }
        if (found.Count == 0 || found[0].At != 0)
        {
            return None with { Remittance = text.Trim() };
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int k = 0; k < found.Count; k++)
        {
            int start = found[k].At + found[k].Code.Length + 2;
            int end = k + 1 < found.Count ? found[k + 1].At : text.Length;
            string value = text[start..end].Trim();
            if (value.EndsWith('/'))
            {
                value = value[..^1];
            }
            values.TryAdd(found[k].Code, value);
        }
        string? account = Get(values, "IBAN"), bank = Get(values, "BIC"), name = Get(values, "NAME");
        if (values.TryGetValue("CNTP", out string? counterparty))
        {
            string[] parts = counterparty.Split('/');
            account ??= Part(parts, 0);
            bank ??= Part(parts, 1);
            name ??= Part(parts, 2);
        }
        string? remittance = Get(values, "REMI");
        if (remittance is not null && remittance.StartsWith("USTD//", StringComparison.Ordinal))
        {
            remittance = remittance["USTD//".Length..];
        }
        return new Mt940Information(Get(values, "EREF") is "NOTPROVIDED" ? null : Get(values, "EREF"), Get(values, "PREF"),
            account, bank, name, remittance, Get(values, "TRTP"), Get(values, "SUBA"), Get(values, "RVSL"));
    }

    private static string? Get(Dictionary<string, string> values, string code) =>
        values.TryGetValue(code, out string? value) && value.Length > 0 ? value : null;

    private static string? Part(string[] parts, int index) =>
        index < parts.Length && parts[index].Trim().Length > 0 ? parts[index].Trim() : null;
}
