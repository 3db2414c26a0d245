namespace Ringfence.Core.Ledger;

/// <summary>
/// The inverse of every state change made by the command in progress, so that a command that is rejected half-way —
/// or fails in a way nobody foresaw, such as an overflow — leaves the state exactly as it found it.
/// </summary>
internal sealed class UndoLog
{
    private readonly Stack<Action> _undo = new();
    private readonly List<Action> _onCommit = [];

    /// <summary>Records how to reverse a change that has just been made.</summary>
    public void Record(Action undo) => _undo.Push(undo);

    /// <summary>
    /// Registers what a part of the state that keeps its own undo records as values does when a command is kept:
    /// forget them. (Such a part records one cached delegate per change here, which restores its newest record, so that
    /// a rollback still runs every change's inverse newest first.)
    /// </summary>
    public void OnCommit(Action forget) => _onCommit.Add(forget);

    /// <summary>Reverses every recorded change, newest first.</summary>
    public void Rollback()
    {
        while (_undo.TryPop(out var undo))
        {
            undo();
        }
    }

    /// <summary>Keeps the changes: the command succeeded.</summary>
    public void Commit()
    {
        _undo.Clear();
        foreach (var forget in _onCommit)
        {
            forget();
        }
    }
}
