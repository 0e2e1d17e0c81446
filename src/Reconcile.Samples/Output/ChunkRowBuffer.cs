namespace Reconcile.Samples.Output;

/// <summary>A row buffer whose full buffers go to a <see cref="ChunkPipe"/> (a part of a shared file written in order).</summary>
internal sealed class ChunkRowBuffer : RowBuffer
{
    private readonly ChunkPipe _pipe;

    public ChunkRowBuffer(ChunkPipe pipe)
        : base(ChunkPipe.Rent())
    {
        _pipe = pipe;
    }

    protected override byte[] Hand(byte[] buffer, int count)
    {
        _pipe.Add(buffer, count);
        return ChunkPipe.Rent();
    }

    public override void Dispose()
    {
        base.Dispose();
        _pipe.Complete();
    }
}
