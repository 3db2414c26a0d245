namespace Ringfence.Core.Ledger;

/// <summary>
/// Undo records kept as values of <typeparamref name="T"/> (what a change replaced) instead of one closure per change:
/// a closure and its delegate cost about a hundred bytes, and a trade makes a dozen changes. Each record puts one
/// cached delegate on the shared <see cref="UndoLog"/>, which restores the newest record, so a rollback still reverses
/// every change newest first, whatever part of the state it was in; a commit forgets the records.
/// </summary>
/// <typeparam name="T">What one change replaced, enough for <c>restore</c> to put it back.</typeparam>
internal sealed class ValueUndo<T>
{
    private readonly Stack<T> _records = new();
    private readonly UndoLog _log;
    private readonly Action _restoreNewest;

    /// <summary>Records for <paramref name="log"/>; <paramref name="restore"/> reverses one change.</summary>
    public ValueUndo(UndoLog log, Action<T> restore)
    {
        _log = log;
        _restoreNewest = () => restore(_records.Pop());
        log.OnCommit(_records.Clear);
    }

    /// <summary>Records how to reverse a change that has just been made.</summary>
    public void Record(T replaced)
    {
        _records.Push(replaced);
        _log.Record(_restoreNewest);
    }
}
