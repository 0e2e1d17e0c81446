namespace Reconcile.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("reconcile: commands are being built");
        return args.Length == 0 ? 3 : 3;
    }
}
