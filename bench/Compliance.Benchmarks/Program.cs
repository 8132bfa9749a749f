using BenchmarkDotNet.Running;

namespace Compliance.Benchmarks;

/// <summary>Runs the benchmarks named by --filter (BenchmarkDotNet's switcher).</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args is ["--screening-latency"])
        {
            Screening.ScreeningLatency.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
