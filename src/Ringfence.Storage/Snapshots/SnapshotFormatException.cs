namespace Ringfence.Storage.Snapshots;

/// <summary>
/// A payload that <see cref="SnapshotCodec.Decode(ReadOnlySpan{byte})"/> cannot read: not a Ringfence snapshot, a format
/// version this build does not read, damaged or truncated compression, malformed JSON, or a field missing or out of range
/// (the message names the field's path, e.g. <c>positions[12].quantity</c>).
/// </summary>
public sealed class SnapshotFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SnapshotFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SnapshotFormatException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
