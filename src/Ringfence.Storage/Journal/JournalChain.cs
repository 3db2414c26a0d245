using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ringfence.Storage.Journal;

/// <summary>
/// The checksum chain over journal batches: each batch's checksum is SHA-256 of the previous checksum, its sequence
/// range and its payload, so verifying the chain from the start (or from a snapshot's checksum) detects any changed,
/// torn, missing or reordered batch. One hash per batch, not per command.
/// </summary>
public static class JournalChain
{
    /// <summary>The "previous checksum" of the first batch.</summary>
    public const string Genesis = "";

    /// <summary>The checksum of the batch of <paramref name="payload"/> holding sequences <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static string Next(string previous, long first, long last, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(previous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{previous}\n{first}\n{last}\n")));
        hash.AppendData(payload);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="batch"/>'s checksum follows from <paramref name="previous"/> and its own contents.</summary>
    public static bool Verifies(string previous, JournalBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return string.Equals(Next(previous, batch.FirstSequence, batch.LastSequence, batch.Payload), batch.Checksum, StringComparison.Ordinal);
    }
}
