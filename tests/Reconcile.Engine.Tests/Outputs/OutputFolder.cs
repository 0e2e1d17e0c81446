using System.Text;

namespace Reconcile.Engine.Tests.Outputs;

/// <summary>A temporary folder for one test, deleted afterwards.</summary>
public sealed class OutputFolder : IDisposable
{
    public OutputFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reconcile-engine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The file's text without its BOM, split on CRLF (the last, empty piece dropped).</summary>
    public static string[] Lines(string path)
    {
        string text = Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(path).AsSpan(3));
        return text.Split("\r\n")[..^1];
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
