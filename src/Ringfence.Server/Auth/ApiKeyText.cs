using System.Security.Cryptography;
using System.Text;

namespace Ringfence.Server.Auth;

/// <summary>
/// An API key's text: <c>rf_ID_SECRET</c>, where ID is 12 hex digits (public: listings and revocation use it) and SECRET
/// is 256 random bits in base64url (43 characters). The store keeps only SHA-256 of the secret; a presented key is
/// checked by looking its id up and comparing hashes in constant time.
/// </summary>
public static class ApiKeyText
{
    private const string Prefix = "rf_";
    private const int IdLength = 12;
    private const int SecretLength = 43;

    /// <summary>A new key: its id and the full text (shown once).</summary>
    public static (string Id, string Key, byte[] SecretHash) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", HashOf(secret));
    }

    /// <summary>Splits a presented key into its id and the hash of its secret; false when it is not shaped like one.</summary>
    public static bool TryParse(string? text, out string id, out byte[] secretHash)
    {
        id = string.Empty;
        secretHash = [];
        if (text is null || text.Length != Prefix.Length + IdLength + 1 + SecretLength || !text.StartsWith(Prefix, StringComparison.Ordinal) || text[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        id = text.Substring(Prefix.Length, IdLength);
        if (!id.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        secretHash = HashOf(text[(Prefix.Length + IdLength + 1)..]);
        return true;
    }

    /// <summary>Whether <paramref name="presented"/> equals <paramref name="stored"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(byte[] presented, byte[] stored) => CryptographicOperations.FixedTimeEquals(presented, stored);

    private static byte[] HashOf(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
