using System.Security.Cryptography;
using System.Text;

namespace Ringfence.Storage.Journal;

/// <summary>
/// The checksum chain over journal entries: each entry's checksum is SHA-256 of the previous checksum, its sequence and
/// its command text, so verifying the chain from the start (or from a snapshot's checksum) detects any changed,
/// truncated, missing or reordered entry.
/// </summary>
public static class JournalChain
{
    /// <summary>The "previous checksum" of the first entry.</summary>
    public const string Genesis = "";

    /// <summary>The checksum of the entry numbered <paramref name="sequence"/> holding <paramref name="command"/>.</summary>
    public static string Next(string previous, long sequence, string command)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(command);
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{previous}\n{sequence}\n{command}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
