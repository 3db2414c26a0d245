using System.IO.Compression;
using System.Text;

namespace Ringfence.Storage.Tests.Snapshots;

/// <summary>Snapshot payloads written by hand, for the format's refusals.</summary>
internal static class SnapshotEnvelope
{
    /// <summary>A payload around <paramref name="json"/>, built from the documented format rather than by the codec.</summary>
    public static byte[] Around(string json)
    {
        using var output = new MemoryStream();
        output.Write("RFSN"u8);
        output.WriteByte(2);
        using (var compressor = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(Encoding.UTF8.GetBytes(json));
        }

        return output.ToArray();
    }
}
