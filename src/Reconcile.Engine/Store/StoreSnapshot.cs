namespace Reconcile.Engine.Store;

/// <summary>
/// The store actor's snapshot: all it needs to go on writing is the head of the hash chain (the read model holds
/// everything else), so a CLI process recovers from the snapshot plus the few records after it.
/// </summary>
public sealed record StoreSnapshot(long SequenceNr, string LastHash);
