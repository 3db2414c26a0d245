using BenchmarkDotNet.Running;

namespace Ringfence.Benchmarks;

/// <summary>
/// Entry point: hands the command line to BenchmarkDotNet, so <c>--filter</c>, <c>--job</c>, <c>--list</c> and the
/// other BenchmarkDotNet switches work (results and the command used: docs/performance.md).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
