using NodaTime;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Cli.Commands;

/// <summary>The real store: the engine's host started on <c>--store</c> for the duration of one command.</summary>
internal sealed class HostedStoreSession : IStoreSession
{
    private readonly ReconcileHost _host;

    private HostedStoreSession(ReconcileHost host) => _host = host;

    public IReconcileStore Store => _host.Store;

    public static async Task<IStoreSession> OpenAsync(string? store, IClock clock, CancellationToken ct)
    {
        ReconcileHost host = await ReconcileHost.StartAsync(StoreLocation.Parse(store), clock, null, ct).ConfigureAwait(false);
        return new HostedStoreSession(host);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
