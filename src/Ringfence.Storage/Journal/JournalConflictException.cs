namespace Ringfence.Storage.Journal;

/// <summary>
/// An append whose sequences do not continue the journal (a gap, a repeat, or a second writer got there first).
/// Nothing of the append was written.
/// </summary>
public sealed class JournalConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalConflictException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JournalConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public JournalConflictException(string message)
        : base(message)
    {
    }
}
