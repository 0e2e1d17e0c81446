using Akka.Actor;

namespace Reconcile.Engine.Store;

/// <summary>
/// Keeps a <see cref="ReconcileStoreActor"/> running for the store and hands it one request at a time. Another
/// process (a CLI command beside the workbench, a second workbench) may write the same journal: then this
/// process's writer finds its next sequence number taken, the journal refuses the record (nothing is stored) and
/// the writer stops. The supervisor starts a fresh writer, which recovers from the journal — the other process's
/// records included — and sends it the same request again after a short random pause, up to
/// <see cref="MaxAttempts"/> times. Requests waiting meanwhile stay queued here, so none is lost with the old writer.
/// </summary>
public sealed class StoreWriterSupervisor : ReceiveActor, IWithTimers
{
    public const int MaxAttempts = 20;

    private readonly Props _writerProps;
    private readonly Queue<(object Message, IActorRef Sender)> _queue = new();
    private (object Message, IActorRef Sender)? _inFlight;
    private IActorRef _writer = ActorRefs.Nobody;
    private int _generation;
    private int _attempts;

    public StoreWriterSupervisor(Props writerProps)
    {
        _writerProps = writerProps ?? throw new ArgumentNullException(nameof(writerProps));
        Receive<Terminated>(t =>
        {
            if (!t.ActorRef.Equals(_writer))
            {
                return;
            }
            StartWriter();
            if (_inFlight is not { } request)
            {
                return;
            }
            if (++_attempts < MaxAttempts)
            {
                Timers.StartSingleTimer("resend", Resend.Instance, TimeSpan.FromMilliseconds(Random.Shared.Next(5, 30) * Math.Min(_attempts, 10)));
            }
            else
            {
                request.Sender.Tell(new Status.Failure(new StoreConflictException(
                    $"the store is busy: {MaxAttempts} attempts lost to other writers; nothing was stored, try again", new TimeoutException())));
                Next();
            }
        });
        Receive<Resend>(_ =>
        {
            if (_inFlight is { } request)
            {
                _writer.Tell(request.Message, Self);
            }
        });
        ReceiveAny(message =>
        {
            if (Sender.Equals(_writer) && _inFlight is { } request)
            {
                // A conflict is followed by the writer's stop: the retry starts from Terminated.
                if (message is Status.Failure { Cause: StoreConflictException })
                {
                    return;
                }
                request.Sender.Tell(message);
                Next();
                return;
            }
            if (Sender.Path.Parent.Equals(Self.Path) && !Sender.Equals(_writer))
            {
                return; // a late answer of a writer that has stopped
            }
            _queue.Enqueue((message, Sender));
            if (_inFlight is null)
            {
                Next();
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Props writerProps) => Akka.Actor.Props.Create(() => new StoreWriterSupervisor(writerProps));

    protected override void PreStart() => StartWriter();

    /// <summary>A writer that fails is not restarted in place (its state would be stale): a new one recovers.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void Next()
    {
        _inFlight = null;
        _attempts = 0;
        if (_queue.TryDequeue(out var request))
        {
            _inFlight = request;
            _writer.Tell(request.Message, Self);
        }
    }

    private void StartWriter()
    {
        _writer = Context.ActorOf(_writerProps, $"writer-{++_generation}");
        Context.Watch(_writer);
    }

    private sealed class Resend
    {
        public static readonly Resend Instance = new();
    }
}
