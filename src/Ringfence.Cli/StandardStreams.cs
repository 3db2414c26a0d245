namespace Ringfence.Cli;

/// <summary>
/// The three standard streams a command reads and writes. Commands never touch <see cref="Console"/> directly, so
/// tests can run them in-process with string readers and writers.
/// </summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output: results only.</param>
/// <param name="Error">Standard error: diagnostics only.</param>
/// <param name="Columns">How wide tables written to <paramref name="Out"/> may be, in characters (see <see cref="TerminalWidth"/>).</param>
internal sealed record StandardStreams(TextReader In, TextWriter Out, TextWriter Error, int Columns = TerminalWidth.Default);
