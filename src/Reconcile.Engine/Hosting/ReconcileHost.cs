using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Hosting;

/// <summary>
/// The engine's process-wide runtime: a generic host running one Akka.NET ActorSystem (via Akka.Hosting) with
/// Akka.Persistence.Sql journal and snapshot store on the <see cref="StoreLocation"/>, and the store's writer actor.
/// Start it once per command, use <see cref="Store"/> (and register job actors through <c>configure</c>), and
/// dispose it for a clean shutdown. Akka logs warnings and errors to standard error only.
/// </summary>
public sealed class ReconcileHost : IAsyncDisposable
{
    private const string SystemName = "reconcile";
    private readonly IHost _host;
    private bool _disposed;

    private ReconcileHost(IHost host, ActorSystem system, ActorRegistry registry, ReconcileStore store, StoreLocation location, StoreReady ready)
    {
        _host = host;
        System = system;
        Registry = registry;
        Store = store;
        Location = location;
        Ready = ready;
    }

    public IReconcileStore Store { get; }

    public ActorSystem System { get; }

    public ActorRegistry Registry { get; }

    public StoreLocation Location { get; }

    /// <summary>What the store found on start (last journal record, records the read model caught up with).</summary>
    public StoreReady Ready { get; }

    /// <summary>Starts the host and waits until the store has recovered and its read model is up to date.</summary>
    /// <param name="configure">Adds to the Akka configuration (job actors via <c>WithActors</c>, HOCON, …).</param>
    public static Task<ReconcileHost> StartAsync(StoreLocation location, IClock clock, Action<AkkaConfigurationBuilder>? configure = null, CancellationToken ct = default) =>
        StartAsync(location, clock, StoreActorSettings.Default, configure, ct);

    internal static async Task<ReconcileHost> StartAsync(
        StoreLocation location, IClock clock, StoreActorSettings settings, Action<AkkaConfigurationBuilder>? configure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(clock);
        var db = new StoreDatabase(location);
        await Task.Run(db.Prepare, ct).ConfigureAwait(false);

        IHost host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton<IHostLifetime, QuietHostLifetime>();
                services.AddSingleton(clock);
                services.AddAkka(SystemName, (builder, _) =>
                {
                    builder
                        .WithSqlPersistence(
                            new SqlJournalOptions(isDefaultPlugin: true)
                            {
                                ConnectionString = location.ConnectionString,
                                ProviderName = db.ProviderName,
                                AutoInitialize = true,
                            },
                            new SqlSnapshotOptions(isDefaultPlugin: true)
                            {
                                ConnectionString = location.ConnectionString,
                                ProviderName = db.ProviderName,
                                AutoInitialize = true,
                            })
                        .AddHocon(ConfigurationFactory.ParseString(Tuning), HoconAddMode.Prepend)
                        .ConfigureLoggers(logging =>
                        {
                            logging.LogLevel = Akka.Event.LogLevel.WarningLevel;
                            logging.ClearLoggers();
                            logging.AddLogger<StderrLogger>();
                        })
                        .WithActors((system, registry) =>
                        {
                            IActorRef writer = system.ActorOf(StoreWriterSupervisor.Props(ReconcileStoreActor.Props(db, clock, settings)), "store");
                            registry.Register<ReconcileStoreActor>(writer);
                        });
                    configure?.Invoke(builder);
                });
            })
            .Build();

        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
            ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
            ActorRegistry registry = host.Services.GetRequiredService<ActorRegistry>();
            IActorRef writer = await registry.GetAsync<ReconcileStoreActor>(ct).ConfigureAwait(false);
            var store = new ReconcileStore(db, writer);
            StoreReady ready = await store.WaitReadyAsync(ct).ConfigureAwait(false);
            return new ReconcileHost(host, system, registry, store, location, ready);
        }
        catch
        {
            await StopAsync(host, location).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await StopAsync(_host, Location).ConfigureAwait(false);
    }

    private static async Task StopAsync(IHost host, StoreLocation location)
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        host.Dispose();
        if (location.Kind == StoreKind.Sqlite)
        {
            // Close the pooled connections so the file (and its -wal) is released when the host is gone.
            using var connection = new SqliteConnection(location.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>
    /// One journal writer (SQLite takes one writer at a time; a run is one record anyway), generous timeouts for a
    /// run's large record, and Akka's own chatter off standard output.
    /// </summary>
    private const string Tuning = """
        akka {
          stdout-loglevel = OFF
          loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          log-config-on-start = off
          persistence {
            journal.sql {
              parallelism = 1
              circuit-breaker { max-failures = 10, call-timeout = 600s, reset-timeout = 30s }
              recovery-event-timeout = 600s
            }
            snapshot-store.sql {
              circuit-breaker { max-failures = 10, call-timeout = 120s, reset-timeout = 30s }
            }
          }
        }
        """;
}
