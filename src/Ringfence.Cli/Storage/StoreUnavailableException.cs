namespace Ringfence.Cli.Storage;

/// <summary>The <c>--db</c> store cannot be opened; the message is the one line the CLI prints.</summary>
internal sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
