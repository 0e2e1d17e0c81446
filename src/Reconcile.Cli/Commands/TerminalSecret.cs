using System.Text;

namespace Reconcile.Cli.Commands;

/// <summary>Reads a password at the terminal without echoing it (null when input is redirected: scripts use --password-stdin or a token).</summary>
internal static class TerminalSecret
{
    public static string? Read(string prompt)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }
        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return secret.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
                continue;
            }
            if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}
