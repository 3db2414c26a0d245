using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Positions;

/// <summary>The order of scopes: the ordinal order of their text forms, computed without building them.</summary>
public sealed class MarginScopeTests
{
    private static readonly Gen<MarginScope> Scopes = Gen.OneOf(
        Gen.Constant(MarginScope.Isolated),
        Gen.Constant(MarginScope.Cross),
        Gen.Elements("a", "b", "basis", "hedge", "hedge2", "z", "A", "0", "pod", "x_y", "x.y", "x-y").Select(MarginScope.InPod));

    [Fact]
    public void Scopes_compare_as_their_text_forms_do() =>
        PropertyCases.Verify(Gen.Zip(Scopes, Scopes), pair =>
            Assert.Equal(Math.Sign(string.CompareOrdinal(pair.Item1.ToString(), pair.Item2.ToString())), Math.Sign(pair.Item1.CompareTo(pair.Item2))));

    [Fact]
    public void Cross_sorts_before_isolated_before_every_pod()
    {
        MarginScope[] sorted = [MarginScope.InPod("a"), MarginScope.Isolated, MarginScope.InPod("B"), MarginScope.Cross];
        Array.Sort(sorted);
        Assert.Equal(["cross", "isolated", "pod:B", "pod:a"], sorted.Select(s => s.ToString()));
    }
}
