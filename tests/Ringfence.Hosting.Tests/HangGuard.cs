namespace Ringfence.Hosting.Tests;

/// <summary>
/// How long a host test waits for something that must happen (a snapshot saved, appends released) before it fails
/// instead of hanging. Only a guard against a hang: no outcome depends on how fast anything is, so it is generous
/// enough for a machine that is loaded many times over.
/// </summary>
internal static class HangGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Waits for <paramref name="task"/>, failing with <paramref name="what"/> if it has not completed within <see cref="Limit"/>.</summary>
    public static async Task Within(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Limit);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{what} did not happen within {Limit.TotalMinutes} minutes (a hang guard)", exception);
        }
    }
}
