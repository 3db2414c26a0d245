namespace Ringfence.Cli.Bench;

/// <summary>Hears how a benchmark run advances (the CLI shows it as progress bars on a terminal).</summary>
internal interface IBenchProgress
{
    /// <summary>Building a book of <paramref name="size"/> positions (or accounts) starts; <paramref name="what"/> describes it.</summary>
    void Building(string what, int size);

    /// <summary><paramref name="done"/> of the book being built are in.</summary>
    void Built(int done);

    /// <summary>A measurement starts.</summary>
    void Measuring(string what);

    /// <summary>Nothing is shown.</summary>
    public static IBenchProgress None { get; } = new Silent();

    private sealed class Silent : IBenchProgress
    {
        public void Building(string what, int size)
        {
        }

        public void Built(int done)
        {
        }

        public void Measuring(string what)
        {
        }
    }
}
