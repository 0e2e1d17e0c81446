using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Reconcile.Engine.Tests")]
