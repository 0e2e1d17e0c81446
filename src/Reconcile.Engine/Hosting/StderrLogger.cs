using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Reconcile.Engine.Hosting;

/// <summary>
/// Akka's log output, kept off standard output (which belongs to the command's own output): warnings and errors
/// go to standard error, one line each.
/// </summary>
public sealed class StderrLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            string cause = e is Error { Cause: { } c } ? $" ({c.GetType().Name}: {c.Message})" : "";
            Console.Error.WriteLine($"[akka {e.LogLevel().ToString().Replace("Level", "", StringComparison.Ordinal).ToLowerInvariant()}] {e.LogSource}: {e.Message}{cause}");
        });
    }
}
