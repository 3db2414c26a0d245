using Spectre.Console;

namespace Ringfence.Cli.Bench;

/// <summary>Shows a run's progress as Spectre progress bars: one per book being built, one per measurement.</summary>
internal sealed class SpectreBenchProgress(ProgressContext context) : IBenchProgress
{
    private ProgressTask? _current;

    /// <summary>Runs <paramref name="work"/> with progress bars on <paramref name="console"/>, which is left as it was.</summary>
    public static T Show<T>(IAnsiConsole console, Func<IBenchProgress, T> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(work);
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var progress = new SpectreBenchProgress(context);
                var result = work(progress);
                progress.Finish();
                return result;
            });
    }

    public void Building(string what, int size)
    {
        Finish();
        _current = context.AddTask($"building {Markup.Escape(what)}", maxValue: Math.Max(size, 1));
    }

    public void Built(int done)
    {
        if (_current is not null)
        {
            _current.Value = done;
        }
    }

    public void Measuring(string what)
    {
        Finish();
        _current = context.AddTask($"  {Markup.Escape(what)}", maxValue: 1);
        _current.IsIndeterminate = true;
    }

    private void Finish()
    {
        if (_current is not null)
        {
            _current.IsIndeterminate = false;
            _current.Value = _current.MaxValue;
            _current.StopTask();
        }
    }
}
