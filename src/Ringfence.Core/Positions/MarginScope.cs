using Ringfence.Core.Accounts;
using Ringfence.Core.Serialization;

namespace Ringfence.Core.Positions;

/// <summary>
/// A position's margin scope: <c>isolated</c>, <c>cross</c> or <c>pod:NAME</c> (the text form used in files and APIs).
/// </summary>
public readonly record struct MarginScope : IComparable<MarginScope>
{
    private MarginScope(MarginScopeKind kind, string? pod)
    {
        Kind = kind;
        Pod = pod;
    }

    /// <summary>Isolated, cross or pod.</summary>
    public MarginScopeKind Kind { get; }

    /// <summary>The pod's name when <see cref="Kind"/> is <see cref="MarginScopeKind.Pod"/>.</summary>
    public string? Pod { get; }

    /// <summary>The isolated scope.</summary>
    public static MarginScope Isolated { get; } = new(MarginScopeKind.Isolated, null);

    /// <summary>The cross scope.</summary>
    public static MarginScope Cross { get; } = new(MarginScopeKind.Cross, null);

    /// <summary>The scope of pod <paramref name="name"/>.</summary>
    public static MarginScope InPod(string name) =>
        Identifier.IsValid(name, 64) ? new(MarginScopeKind.Pod, name) : throw new ArgumentException($"{InputExcerpt.Quote(name)} is not a valid pod name.", nameof(name));

    /// <summary>Parses <c>isolated</c>, <c>cross</c> or <c>pod:NAME</c>.</summary>
    public static bool TryParse(string? text, out MarginScope scope)
    {
        scope = default;
        return text is not null && TryParse(text.AsSpan(), out scope);
    }

    /// <summary>Parses <c>isolated</c>, <c>cross</c> or <c>pod:NAME</c> from a span, allocating only a pod's name.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MarginScope scope)
    {
        scope = default;
        switch (text)
        {
            case "isolated":
                scope = Isolated;
                return true;
            case "cross":
                scope = Cross;
                return true;
            case var _ when text.StartsWith("pod:", StringComparison.Ordinal) && text[4..].ToString() is var name && Identifier.IsValid(name, 64):
                scope = new(MarginScopeKind.Pod, name);
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The ordinal order of the text forms — <c>cross</c> &lt; <c>isolated</c> &lt; <c>pod:…</c>, pods by name — without
    /// building them: keys are compared on every lookup.
    /// </remarks>
    public int CompareTo(MarginScope other)
    {
        var byKind = Rank(Kind).CompareTo(Rank(other.Kind));
        return byKind != 0 || Kind != MarginScopeKind.Pod ? byKind : string.CompareOrdinal(Pod ?? string.Empty, other.Pod ?? string.Empty);
    }

    /// <summary>Where the text form of a scope of <paramref name="kind"/> sorts: cross, isolated, pod.</summary>
    private static int Rank(MarginScopeKind kind) => kind switch
    {
        MarginScopeKind.Cross => 0,
        MarginScopeKind.Isolated => 1,
        _ => 2,
    };

    /// <summary>The text form: <c>isolated</c>, <c>cross</c> or <c>pod:NAME</c>.</summary>
    public override string ToString() => Kind switch
    {
        MarginScopeKind.Isolated => "isolated",
        MarginScopeKind.Cross => "cross",
        _ => "pod:" + Pod,
    };
}
