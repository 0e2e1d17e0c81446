namespace Reconcile.Cli;

public static class Program
{
    /// <summary>The process's entry point: the command line of <see cref="ReconcileCli"/> on the process's console.</summary>
    public static int Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return ReconcileCli.Invoke(args, CliServices.ForProcess(), Console.Out, Console.Error);
    }
}
