using Microsoft.Extensions.Hosting;

namespace Reconcile.Engine.Hosting;

/// <summary>
/// The generic host's lifetime for a command-line process: unlike ConsoleLifetime it neither prints nor takes
/// over Ctrl+C / SIGTERM, so the command keeps the console and stops the host itself when done.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
