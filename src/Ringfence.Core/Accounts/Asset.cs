using Ringfence.Core.Serialization;

namespace Ringfence.Core.Accounts;

/// <summary>An asset code such as USDT, USDC, BTC or ETH: 2–12 upper-case letters or digits.</summary>
public readonly record struct Asset : IComparable<Asset>
{
    private Asset(string code) => Code = code;

    /// <summary>The code.</summary>
    public string Code { get; }

    /// <summary>Validates and wraps a code.</summary>
    public static bool TryCreate(string? text, out Asset asset)
    {
        asset = default;
        if (text is null || text.Length is < 2 or > 12 || !text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            return false;
        }

        asset = new Asset(text);
        return true;
    }

    /// <summary>Validates and wraps a code, or throws <see cref="ArgumentException"/>.</summary>
    public static Asset Create(string text) =>
        TryCreate(text, out var asset) ? asset : throw new ArgumentException($"{InputExcerpt.Quote(text)} is not an asset code (2-12 of A-Z 0-9).", nameof(text));

    /// <inheritdoc/>
    public int CompareTo(Asset other) => string.CompareOrdinal(Code, other.Code);

    /// <inheritdoc/>
    public override string ToString() => Code;
}
