using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ringfence.Core.Engine;
using Ringfence.Storage.Snapshots.Json;

namespace Ringfence.Storage.Snapshots;

/// <summary>
/// Encodes the engine's complete state (<see cref="EngineSnapshot"/>) to bytes and back, exactly: restoring the decoded
/// snapshot and continuing gives the same events and state hash as continuing the original. The bytes are a 5-byte
/// header — the magic <c>RFSN</c> and the format version — followed by the Brotli-compressed (fastest level) UTF-8 JSON
/// document described in docs/storage.md, "Snapshot format".
/// </summary>
public static class SnapshotCodec
{
    /// <summary>The format version this build writes, and the only one it reads.</summary>
    public const byte FormatVersion = 2;

    /// <summary>Length of the header before the compressed document: the magic and the version byte.</summary>
    public const int HeaderLength = 5;

    private static ReadOnlySpan<byte> Magic => "RFSN"u8;

    // The snapshot is not embedded in HTML, so '+' in time offsets and '×' or '±' in event reasons are written as they
    // are rather than as \u escapes; quotes and control characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The encoded form of <paramref name="snapshot"/>.</summary>
    /// <exception cref="NotSupportedException">
    /// The snapshot holds something the format cannot represent: an event type with no mapping, or a market under a venue
    /// profile that is not one of the shipped <c>VenueProfiles</c>. Nothing is dropped silently.
    /// </exception>
    public static byte[] Encode(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var output = new MemoryStream();
        output.Write(Magic);
        output.WriteByte(FormatVersion);
        using (var compressor = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var json = new Utf8JsonWriter(compressor, WriterOptions))
        {
            new SnapshotWriter(json).Document(snapshot, StateMapping.Write);
        }

        return output.ToArray();
    }

    /// <summary>The snapshot encoded in <paramref name="payload"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="payload"/> is null.</exception>
    /// <exception cref="SnapshotFormatException">The payload is not a snapshot this build can read (see <see cref="Decode(ReadOnlySpan{byte})"/>).</exception>
    public static EngineSnapshot Decode(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Decode(payload.AsSpan());
    }

    /// <summary>The snapshot encoded in <paramref name="payload"/>.</summary>
    /// <exception cref="SnapshotFormatException">
    /// The payload is not a Ringfence snapshot, is of another format version, its compressed data is damaged or truncated,
    /// its JSON is malformed, or a field is missing or out of range (the message names the field).
    /// </exception>
    public static EngineSnapshot Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < HeaderLength || !payload[..Magic.Length].SequenceEqual(Magic))
        {
            throw new SnapshotFormatException(
                $"Not a Ringfence snapshot: a snapshot starts with the {HeaderLength}-byte header 'RFSN' and a version, but this payload of {payload.Length} byte(s) starts with {Convert.ToHexString(payload[..Math.Min(payload.Length, HeaderLength)])}.");
        }

        var version = payload[Magic.Length];
        if (version != FormatVersion)
        {
            throw new SnapshotFormatException($"Snapshot format version {version} is not supported: this build reads version {FormatVersion} only.");
        }

        var json = DocumentChunks.Decompress(payload[HeaderLength..]);
        try
        {
            return StateMapping.Read(json);
        }
        catch (JsonException malformed)
        {
            throw new SnapshotFormatException($"The snapshot's JSON is malformed or truncated: {malformed.Message}", malformed);
        }
    }
}
