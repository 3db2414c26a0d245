using System.Runtime.CompilerServices;

namespace Ringfence.Core.Engine;

/// <summary>
/// The reason of a rejection, written as an interpolated string but formatted only when the check it belongs to fails:
/// most checks pass, and formatting prices and amounts for a message nobody reads was a measurable share of a
/// command. Formats exactly as the interpolated string would (same handler, same culture).
/// </summary>
[InterpolatedStringHandler]
internal ref struct RejectionReason
{
    private DefaultInterpolatedStringHandler _text;
    private readonly bool _formatting;

    /// <summary>Starts a reason for a check whose outcome is <paramref name="condition"/>: formats only when it is false.</summary>
    public RejectionReason(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        _formatting = !condition;
        shouldAppend = _formatting;
        _text = _formatting ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    /// <summary>Appends literal text.</summary>
    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    /// <summary>Appends a value.</summary>
    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    /// <summary>Appends a value in <paramref name="format"/>.</summary>
    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    /// <summary>Appends text.</summary>
    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    /// <summary>The formatted reason (empty when the check passed).</summary>
    public string Text() => _formatting ? _text.ToStringAndClear() : string.Empty;
}
