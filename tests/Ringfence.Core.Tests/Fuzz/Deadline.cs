namespace Ringfence.Tests.Fuzz;

/// <summary>
/// The fuzz suites' guard against a hang: an input must be answered within a generous deadline. It only catches work
/// that never ends (or takes minutes, like the quadratic number parser once did); nothing is asserted about speed.
/// </summary>
internal static class Deadline
{
    /// <summary>How long one input may take before the suite calls it a hang.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="work"/> and returns its result, or fails naming <paramref name="input"/> if it does not end in time.</summary>
    public static T Run<T>(Func<T> work, string input)
    {
        var task = Task.Run(work);
        if (!task.Wait(PerInput))
        {
            Assert.Fail($"no answer within {PerInput.TotalSeconds} s for input {Shown(input)}");
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>An input short enough to read in a failure message.</summary>
    public static string Shown(string input) => input.Length <= 300 ? input : $"{input[..300]}… ({input.Length} characters)";
}
