using System.Security.Cryptography;

namespace Ringfence.Storage.Snapshots;

/// <summary>A snapshot as stored: the encoded engine state after the journal entry <see cref="Sequence"/>.</summary>
/// <param name="Sequence">The last journal entry the state includes (0: the empty engine).</param>
/// <param name="StateHash">The engine's state hash at that point (<c>Ringfence.Core.Engine.StateHash</c>), checked on restore.</param>
/// <param name="JournalChecksum">The checksum of journal entry <see cref="Sequence"/> ("" at 0), so the chain can be checked from here on.</param>
/// <param name="Payload">The state encoded by <c>SnapshotCodec</c>.</param>
/// <param name="PayloadChecksum">Lower-case hex SHA-256 of <see cref="Payload"/>, checked before decoding.</param>
/// <param name="TakenAt">When it was taken (wall clock, informational).</param>
public sealed record StoredSnapshot(long Sequence, string StateHash, string JournalChecksum, byte[] Payload, string PayloadChecksum, DateTimeOffset TakenAt)
{
    /// <summary>
    /// Encodes <paramref name="state"/> (the engine's state after journal entry <paramref name="sequence"/>) with its
    /// state hash and checksums, ready to store.
    /// </summary>
    public static StoredSnapshot Capture(Core.Engine.EngineSnapshot state, long sequence, string journalChecksum, DateTimeOffset takenAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Create(sequence, Core.Engine.StateHash.Of(state), journalChecksum, SnapshotCodec.Encode(state), takenAt);
    }

    /// <summary>A snapshot of <paramref name="payload"/> with its checksum computed.</summary>
    public static StoredSnapshot Create(long sequence, string stateHash, string journalChecksum, byte[] payload, DateTimeOffset takenAt)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new(sequence, stateHash, journalChecksum, payload, ChecksumOf(payload), takenAt);
    }

    /// <summary>Whether <see cref="Payload"/> still matches <see cref="PayloadChecksum"/> (false: damaged in storage).</summary>
    public bool PayloadIntact => string.Equals(ChecksumOf(Payload), PayloadChecksum, StringComparison.Ordinal);

    /// <summary>The summary of this snapshot without its payload.</summary>
    public SnapshotInfo Info => new(Sequence, StateHash, JournalChecksum, Payload.LongLength, TakenAt);

    private static string ChecksumOf(byte[] payload) => Convert.ToHexStringLower(SHA256.HashData(payload));
}

/// <summary>What a snapshot is, without its payload.</summary>
/// <param name="Sequence">The last journal entry the state includes.</param>
/// <param name="StateHash">The engine's state hash at that point.</param>
/// <param name="JournalChecksum">The checksum of journal entry <see cref="Sequence"/>.</param>
/// <param name="Size">Payload size in bytes.</param>
/// <param name="TakenAt">When it was taken.</param>
public sealed record SnapshotInfo(long Sequence, string StateHash, string JournalChecksum, long Size, DateTimeOffset TakenAt);
