using System.Globalization;
using System.Text;

namespace Ringfence.Core.Serialization;

/// <summary>
/// Quotes a piece of untrusted input inside an error message: at most <see cref="MaxCharacters"/> characters (a
/// 10 MB number must not become a 10 MB error line), with control characters and lone surrogates escaped so that an
/// error printed to a terminal cannot move its cursor or change its colours.
/// </summary>
public static class InputExcerpt
{
    /// <summary>The most characters of the input an excerpt shows; a longer input ends with <c>…</c> and its length.</summary>
    public const int MaxCharacters = 40;

    /// <summary>The input in single quotes, shortened and escaped: <c>'12345…' (300000 characters)</c>.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        var shown = text.Length <= MaxCharacters ? text : text[..MaxCharacters];
        var builder = new StringBuilder(shown.Length + 16);
        builder.Append('\'');
        AppendEscaped(builder, shown);
        builder.Append('\'');
        if (text.Length > MaxCharacters)
        {
            builder.Insert(builder.Length - 1, '…');
            builder.Append(CultureInfo.InvariantCulture, $" ({text.Length} characters)");
        }

        return builder.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> with every control character and lone surrogate written as a JSON-style escape
    /// (<c>\u001b</c>); other characters, including valid non-ASCII text, stay as they are. No shortening.
    /// </summary>
    public static string Escape(ReadOnlySpan<char> text)
    {
        if (!NeedsEscaping(text))
        {
            return text.ToString();
        }

        var builder = new StringBuilder(text.Length + 8);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    private static bool NeedsEscaping(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (EscapeAt(text, i))
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendEscaped(StringBuilder builder, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (EscapeAt(text, i))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    // A character is escaped when a terminal would act on it (C0, DEL, C1) or when it is half of a surrogate pair that
    // is not there: printing it would make the message itself invalid text.
    private static bool EscapeAt(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsControl(c))
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        }

        return false;
    }
}
