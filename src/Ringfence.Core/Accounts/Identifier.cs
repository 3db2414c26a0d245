namespace Ringfence.Core.Accounts;

/// <summary>The one rule for names that come from outside: account ids, pod names, symbols and asset codes.</summary>
internal static class Identifier
{
    /// <summary>True for 1..<paramref name="maxLength"/> characters of ASCII letters, digits, '-', '_' and '.'.</summary>
    public static bool IsValid(string? text, int maxLength) =>
        !string.IsNullOrEmpty(text) && text.Length <= maxLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
