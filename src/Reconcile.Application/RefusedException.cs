namespace Reconcile.Application;

/// <summary>
/// A request the application layer refuses (bad credentials, a role that may not, a rule of the case workflow):
/// nothing was stored. The message is for the person who asked; the CLI exits 2 with it, the web shows it.
/// </summary>
public sealed class RefusedException(string message) : Exception(message);
