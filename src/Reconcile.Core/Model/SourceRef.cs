namespace Reconcile.Core.Model;

/// <summary>Where a line came from: the input file (as given) and its 1-based physical line number.</summary>
public readonly record struct SourceRef(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
