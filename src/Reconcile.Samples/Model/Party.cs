using System.Text;
using Reconcile.Samples.Output;
using Reconcile.Samples.Random;

namespace Reconcile.Samples.Model;

/// <summary>A counterparty: a buyer, a seller or a contractor, with an account at some bank branch.</summary>
internal sealed class Party
{
    public Party(string name, string account, string bank)
    {
        Name = new Text(name);
        Account = account;
        AccountBytes = Encoding.ASCII.GetBytes(account);
        Bank = new Text(bank);
    }

    public Text Name { get; }

    public string Account { get; }

    public byte[] AccountBytes { get; }

    public Text Bank { get; }

    public static Party NewPerson(Pcg32 rng, string city)
    {
        string name = Vocabulary.Person(rng);
        (string branch, int bank) = Vocabulary.Branch(rng, city);
        return new Party(name, Vocabulary.Card(rng, bank), branch);
    }

    public static Party NewCompany(Pcg32 rng, string city)
    {
        string name = Vocabulary.Company(rng, city);
        (string branch, _) = Vocabulary.Branch(rng, city);
        return new Party(name, Vocabulary.CompanyAccount(rng), branch);
    }
}
