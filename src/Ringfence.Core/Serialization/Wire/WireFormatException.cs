namespace Ringfence.Core.Serialization.Wire;

/// <summary>Binary wire data that cannot be read: truncated, damaged, or written by a newer format than this reader knows.</summary>
public sealed class WireFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WireFormatException()
    {
    }

    /// <summary>Creates the exception with what is wrong.</summary>
    public WireFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what is wrong and its cause.</summary>
    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
