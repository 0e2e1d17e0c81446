namespace Reconcile.Samples.Output;

/// <summary>A row buffer over a file of its own.</summary>
internal sealed class FileRowBuffer : RowBuffer
{
    private readonly FileStream _file;

    public FileRowBuffer(string path)
        : base(new byte[Size])
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    protected override byte[] Hand(byte[] buffer, int count)
    {
        _file.Write(buffer, 0, count);
        return buffer;
    }

    public override void Dispose()
    {
        base.Dispose();
        _file.Dispose();
    }
}
