using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Reconcile.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["xlsx", ..])
        {
            // ClosedXML takes ~45 s per workbook at 100k cases: too long for BenchmarkDotNet's in-process job.
            XlsxBenchmarks.Compare(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
            return;
        }
        if (args is ["sums", ..])
        {
            SumRungBenchmarks.Measure(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
            return;
        }
        // A short in-process job: a few minutes for the whole set, no generated project to build.
        IConfig config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
