using Ringfence.Core.Engine;
using Ringfence.Storage;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Recovery;

/// <summary>Reading a stored snapshot back: it must exist, its payload must match its checksum and decode.</summary>
internal static class SnapshotPayload
{
    /// <summary>Loads and decodes the snapshot at <paramref name="sequence"/>; returns what is wrong with it, or null.</summary>
    public static string? TryDecode(IEngineStore store, long sequence, out StoredSnapshot? stored, out EngineSnapshot? state)
    {
        state = null;
        stored = store.Snapshots.Load(sequence);
        if (stored is null)
        {
            return "listed but not found";
        }

        if (!stored.PayloadIntact)
        {
            return "payload fails its checksum";
        }

        try
        {
            state = SnapshotCodec.Decode(stored.Payload);
            return null;
        }
        catch (SnapshotFormatException exception)
        {
            return $"payload cannot be decoded: {exception.Message}";
        }
    }
}
