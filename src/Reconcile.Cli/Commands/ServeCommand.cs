using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using NodaTime;
using Reconcile.Application;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;
using Reconcile.Web;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile serve [--store X] [--urls URL]</c>: the investigators' workbench in the browser, on the store, until
/// Ctrl+C. The store stays open for the server's lifetime (one writer: run the daily job on the same store only
/// through a store the server does not hold, or stop the server first).
/// </summary>
public static class ServeCommand
{
    public static Command Build()
    {
        var command = new Command("serve", "Run the web workbench on the store until Ctrl+C.\n\nExample:\n  reconcile serve --store reconcile.db --urls http://127.0.0.1:5080")
        {
            CliOptions.Store(),
            CliOptions.Text("--urls", "Where to listen, ';'-separated (default: http://127.0.0.1:5080).", "URL[;URL...]"),
        };
        command.SetHandler(Serve);
        return command;
    }

    public static int Serve(CommandLine cmd)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        if (cmd.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{cmd.Positionals[0]}'");
        }
        string? store = cmd.Optional("store");
        string urls = cmd.Optional("urls") ?? "http://127.0.0.1:5080";
        cmd.EnsureAllUsed();
        if (NoStoreException.MissingSqliteFile(store) is { } missing)
        {
            throw new NoStoreException(missing);
        }
        if (!Uri.TryCreate(urls.Split(';')[0], UriKind.Absolute, out Uri? first) || first.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"option --urls: '{urls}' is not an http:// or https:// address such as http://127.0.0.1:5080");
        }
        return ServeAsync(store, urls).GetAwaiter().GetResult();
    }

    private static async Task<int> ServeAsync(string? store, string urls)
    {
        IClock clock = SystemClock.Instance;
        await using ReconcileHost host = await ReconcileHost.StartAsync(StoreLocation.Parse(store), clock).ConfigureAwait(false);
        var access = new AccessService(host.Store, clock);
        await using WebApplication app = Workbench.Build(new WorkbenchOptions { Store = host.Store, Clock = clock, Urls = urls });
        await app.StartAsync().ConfigureAwait(false);
        Console.Out.WriteLine($"Reconcile workbench on {string.Join(", ", app.Urls)} (store {host.Store.Description}); Ctrl+C stops it");
        if (!await access.HasUsersAsync().ConfigureAwait(false))
        {
            Console.Error.WriteLine("this store has no users, so nobody can sign in yet: add the first admin with `reconcile users add NAME --role admin --password-stdin`, then the team");
        }
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop below.
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        await app.StopAsync().ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
