using Spectre.Console;

namespace Ringfence.Cli.Storage;

/// <summary>
/// A progress bar on standard error while a journal is replayed, shown only when standard error is an interactive
/// terminal (never in pipes, tests or CI, where it would be noise).
/// </summary>
internal static class ReplayProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports the sequence it reached, with a bar up to <paramref name="total"/>.</summary>
    public static T Show<T>(TextWriter error, string title, long total, Func<Action<long>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi || total == 0)
        {
            return work(_ => { });
        }

        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: total);
                var result = work(sequence => task.Value = sequence);
                task.Value = total;
                return result;
            });
    }
}
