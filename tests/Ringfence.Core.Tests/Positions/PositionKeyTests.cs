using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Accounts;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Positions;

/// <summary>A position key's text form (the owner of its margin account in the ledger) reads back as the key.</summary>
public sealed class PositionKeyTests
{
    private static readonly Gen<PositionKey> Keys =
        from account in Gen.Elements("alice", "alice.sub", "a", "mm-1", "X_9", "$backstop")
        from symbol in Gen.Elements("BTCUSDT", "ETH-PERP", "S", "BTC_25DEC26")
        from scope in Gen.Elements(MarginScope.Isolated, MarginScope.Cross, MarginScope.InPod("spread"), MarginScope.InPod("a.b"))
        select new PositionKey(account == "$backstop" ? AccountId.Backstop : AccountId.Create(account), symbol, scope);

    [Fact]
    public void The_text_of_every_key_parses_back_to_the_key() =>
        PropertyCases.Verify(Keys, key =>
        {
            Assert.True(PositionKey.TryParse(key.ToString(), out var parsed));
            Assert.Equal(key, parsed);
        });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("alice/BTCUSDT")]
    [InlineData("/BTCUSDT/isolated")]
    [InlineData("alice//isolated")]
    [InlineData("alice/BTCUSDT/sideways")]
    [InlineData("alice/BTCUSDT/pod:")]
    [InlineData("a b/BTCUSDT/isolated")]
    [InlineData("$someone/BTCUSDT/isolated")]
    public void Text_of_another_form_does_not_parse(string? text) =>
        Assert.False(PositionKey.TryParse(text, out _));

    [Fact]
    public void A_margin_scope_parses_from_a_span_as_from_a_string()
    {
        foreach (var text in new[] { "isolated", "cross", "pod:spread", "pod:", "pod:a b", "Isolated", "" })
        {
            var fromString = MarginScope.TryParse(text, out var a);
            var fromSpan = MarginScope.TryParse(text.AsSpan(), out var b);
            Assert.Equal(fromString, fromSpan);
            Assert.Equal(a, b);
        }
    }
}
