namespace Ringfence.Core.Engine;

/// <summary>
/// The last <see cref="Size"/> client ids of accepted commands, with their outcomes: a first-in, first-out window
/// counted by acceptance, so that memory is bounded and a replay forgets exactly what the original run forgot. Only
/// accepted commands that carry a client id enter it (a command without one — a mark from a price feed — pushes
/// nothing out). Changed only after a command has committed, so there is nothing to undo.
/// </summary>
internal sealed class ClientIdWindow
{
    private readonly Dictionary<string, ExecutionResult> _byId = new(StringComparer.Ordinal);
    private readonly Queue<KeyValuePair<string, ExecutionResult>> _oldestFirst = new();

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 1.</exception>
    public ClientIdWindow(long size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
    }

    /// <summary>How many client ids are remembered.</summary>
    public long Size { get; }

    /// <summary>The remembered ids and outcomes, oldest first.</summary>
    public IEnumerable<KeyValuePair<string, ExecutionResult>> Remembered => _oldestFirst;

    public bool TryGet(string clientId, out ExecutionResult outcome) => _byId.TryGetValue(clientId, out outcome!);

    /// <summary>Remembers a committed command's outcome under its (new) client id; the oldest id beyond the size is forgotten.</summary>
    public void Remember(string clientId, ExecutionResult outcome)
    {
        _byId.Add(clientId, outcome);
        _oldestFirst.Enqueue(new(clientId, outcome));
        if (_oldestFirst.Count > Size)
        {
            _byId.Remove(_oldestFirst.Dequeue().Key);
        }
    }

    /// <summary>Restores a snapshot's remembered outcomes, oldest first.</summary>
    /// <exception cref="ArgumentException">More than the window holds, or an id twice.</exception>
    public void Restore(IReadOnlyCollection<KeyValuePair<string, ExecutionResult>> remembered)
    {
        if (remembered.Count > Size)
        {
            throw new ArgumentException($"{remembered.Count} remembered client ids do not fit an idempotency window of {Size}.", nameof(remembered));
        }

        foreach (var (id, outcome) in remembered)
        {
            if (!_byId.TryAdd(id, outcome))
            {
                throw new ArgumentException($"Client id '{id}' is remembered twice.", nameof(remembered));
            }

            _oldestFirst.Enqueue(new(id, outcome));
        }
    }
}
