using Akka.Actor;
using Akka.Hosting;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Pipeline;

/// <summary>Registers the daily job's actors with Akka.Hosting (pass it to <c>ReconcileHost.StartAsync</c>'s configure).</summary>
public static class PipelineHosting
{
    /// <summary>
    /// Starts the <see cref="JobCoordinator"/> as <c>/user/job-coordinator</c> and registers it in the
    /// <see cref="ActorRegistry"/> under <see cref="JobCoordinator"/>. <paramref name="store"/> is asked for the store
    /// when a job starts, so the host may create the store after its actors.
    /// </summary>
    public static AkkaConfigurationBuilder WithReconcilePipeline(
        this AkkaConfigurationBuilder builder,
        Func<IReconcileStore> store,
        Func<AccountDayInput, AccountDayResult>? reconcile = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithActors((system, registry) =>
        {
            IActorRef coordinator = system.ActorOf(JobCoordinator.Props(store, reconcile), "job-coordinator");
            registry.Register<JobCoordinator>(coordinator);
        });
    }
}
