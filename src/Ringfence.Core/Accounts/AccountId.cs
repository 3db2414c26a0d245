using Ringfence.Core.Serialization;

namespace Ringfence.Core.Accounts;

/// <summary>
/// An account's identifier: 1–64 characters of letters, digits, '-', '_' and '.', compared ordinally.
/// </summary>
public readonly record struct AccountId : IComparable<AccountId>
{
    private AccountId(string value) => Value = value;

    /// <summary>
    /// The backstop liquidity provider that takes liquidated positions. '$' is not allowed in user ids, so no user can
    /// hold or name it.
    /// </summary>
    public static AccountId Backstop { get; } = new("$backstop");

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <summary>Validates and wraps an identifier.</summary>
    public static bool TryCreate(string? text, out AccountId id)
    {
        id = default;
        if (!Identifier.IsValid(text, 64))
        {
            return false;
        }

        id = new AccountId(text!);
        return true;
    }

    /// <summary>
    /// Reads an id the engine has written (in a snapshot, a ledger account's owner): a valid user id, or the
    /// backstop's reserved id, which <see cref="TryCreate"/> refuses because no user may take it.
    /// </summary>
    public static bool TryParseRecorded(string? text, out AccountId id)
    {
        if (text == Backstop.Value)
        {
            id = Backstop;
            return true;
        }

        return TryCreate(text, out id);
    }

    /// <summary>Validates and wraps an identifier, or throws <see cref="ArgumentException"/>.</summary>
    public static AccountId Create(string text) =>
        TryCreate(text, out var id) ? id : throw new ArgumentException($"{InputExcerpt.Quote(text)} is not a valid account id (1-64 of A-Z a-z 0-9 - _ .).", nameof(text));

    /// <inheritdoc/>
    public int CompareTo(AccountId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
