using System.Text;
using System.Text.Json;
using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Storage.Snapshots;
using Ringfence.Storage.Snapshots.Json;

namespace Ringfence.Storage.Tests.Snapshots.Json;

/// <summary>
/// The bulk item readers either read an item exactly as the general (document) reader does, leaving the reader on the
/// item's end, or decline it, so that the general reader reads it — and refuses it with its own message.
/// </summary>
public sealed class BulkItemReaderTests
{
    [Theory]
    [InlineData("""{"id":"alice"}""")]
    [InlineData("""{"id":"alice.sub","parent":"alice"}""")]
    [InlineData("""{"parent":"alice","id":"alice.sub"}""")]
    [InlineData("""{"\u0069d":"alice"}""")]
    [InlineData("""{"id":"\u0061lice"}""")]
    [InlineData("""{"id":"backstop"}""")]
    public void An_account_it_reads_is_the_general_readers(string json) =>
        AssertSame(json, new BulkItemReader().TryAccount, StateMapping.ReadAccount);

    [Theory]
    [InlineData("""{"kind":"free","owner":"alice","asset":"USDT","balance":123456789}""")]
    [InlineData("""{"balance":-5,"asset":"BTC","owner":"alice/BTCUSDT/isolated","kind":"positionMargin"}""")]
    [InlineData("""{"kind":"insuranceFund","owner":"BTCUSDT","asset":"USDT","balance":9223372036854775807}""")]
    public void A_balance_it_reads_is_the_general_readers(string json) =>
        AssertSame(json, new BulkItemReader().TryBalance, StateMapping.ReadBalance);

    [Theory]
    [InlineData("""{"account":"alice","symbol":"BTCUSDT","scope":"isolated","side":"long","quantity":100000000,"entryPrice":5000000000000,"leverage":1000000000}""")]
    [InlineData("""{"account":"bob","symbol":"BTCUSD","scope":"pod:spread","side":"short","quantity":1,"entryPrice":1,"leverage":100000000,"inLiquidation":true}""")]
    [InlineData("""{"inLiquidation":false,"leverage":100000000,"entryPrice":7,"quantity":3,"side":"long","scope":"cross","symbol":"ETHUSDT","account":"mm"}""")]
    public void A_position_it_reads_is_the_general_readers(string json) =>
        AssertSame(json, new BulkItemReader().TryPosition, StateMapping.ReadPosition);

    [Theory]
    [InlineData("""{"id":"alice","extra":1}""")]
    [InlineData("""{"id":"alice","id":"bob"}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("""{"id":"a b"}""")]
    [InlineData("""{"id":"alice","parent":"a b"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"id":7}""")]
    [InlineData("""[]""")]
    public void An_account_it_does_not_expect_is_left_to_the_general_reader(string json) =>
        AssertDeclined<Account>(json, new BulkItemReader().TryAccount);

    [Theory]
    [InlineData("""{"kind":"free","owner":"alice","asset":"USDT"}""")]
    [InlineData("""{"kind":"Free","owner":"alice","asset":"USDT","balance":1}""")]
    [InlineData("""{"kind":"free","owner":"alice","asset":"usdt!","balance":1}""")]
    [InlineData("""{"kind":"free","owner":"alice","asset":"USDT","balance":1.5}""")]
    [InlineData("""{"kind":"free","owner":"alice","asset":"USDT","balance":"1"}""")]
    [InlineData("""{"kind":"free","owner":"alice","asset":"USDT","balance":-9223372036854775808}""")]
    [InlineData("""{"kind":"free","owner":"alice","asset":"USDT","balance":9223372036854775808}""")]
    [InlineData("""{"kind":"free","owner":null,"asset":"USDT","balance":1}""")]
    public void A_balance_it_does_not_expect_is_left_to_the_general_reader(string json) =>
        AssertDeclined<KeyValuePair<LedgerAccount, Money>>(json, new BulkItemReader().TryBalance);

    [Theory]
    [InlineData("""{"account":"alice","symbol":"BTCUSDT","scope":"isolated","side":"long","quantity":1,"entryPrice":1,"leverage":1,"topUp":{"enabled":true,"cap":1,"used":0}}""")]
    [InlineData("""{"account":"alice","symbol":"BTCUSDT","scope":"isolated","side":"up","quantity":1,"entryPrice":1,"leverage":1}""")]
    [InlineData("""{"account":"alice","symbol":"BTCUSDT","scope":"sideways","side":"long","quantity":1,"entryPrice":1,"leverage":1}""")]
    [InlineData("""{"account":"alice","symbol":"BTCUSDT","scope":"isolated","side":"long","entryPrice":1,"leverage":1}""")]
    [InlineData("""{"account":"alice","symbol":"BTCUSDT","scope":"isolated","side":"long","quantity":1,"entryPrice":1,"leverage":1,"inLiquidation":"yes"}""")]
    [InlineData("""{"account":"alice","symbol":"BTCUSDT","scope":"isolated","side":"long","quantity":1,"quantity":2,"entryPrice":1,"leverage":1}""")]
    public void A_position_it_does_not_expect_is_left_to_the_general_reader(string json) =>
        AssertDeclined<Position>(json, new BulkItemReader().TryPosition);

    [Fact]
    public void Items_read_by_one_reader_share_the_texts_they_repeat_and_keep_the_ones_they_do_not()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            [{"account":"a","symbol":"BTCUSDT","scope":"isolated","side":"long","quantity":1,"entryPrice":1,"leverage":1},
             {"account":"b","symbol":"BTCUSDT","scope":"isolated","side":"long","quantity":1,"entryPrice":1,"leverage":1},
             {"account":"c","symbol":"ETHUSDT","scope":"isolated","side":"long","quantity":1,"entryPrice":1,"leverage":1}]
            """);
        var reader = new Utf8JsonReader(bytes);
        var items = new BulkItemReader();
        var positions = new List<Position>();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            Assert.True(items.TryPosition(ref reader, out var position));
            positions.Add(position);
        }

        Assert.Equal(["BTCUSDT", "BTCUSDT", "ETHUSDT"], positions.Select(p => p.Key.Symbol));
        Assert.Same(positions[0].Key.Symbol, positions[1].Key.Symbol);
        Assert.Equal(["a", "b", "c"], positions.Select(p => p.Key.Account.Value));
    }

    [Fact]
    public void An_item_cut_short_is_declined_rather_than_read_in_part()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"id":"alice","parent":"al""");
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, default);
        reader.Read();

        Assert.False(new BulkItemReader().TryAccount(ref reader, out _));
    }

    [Theory]
    [InlineData("""{"positions":[{"account":"alice","symbol":"S","scope":"isolated","side":"up","quantity":1,"entryPrice":1,"leverage":1}]}""", "Snapshot field 'positions[0].side': 'up' is not a PositionSide (known: long, short).")]
    [InlineData("""{"positions":[{"account":"alice","symbol":"S","scope":"isolated","side":"long","entryPrice":1,"leverage":1}]}""", "Snapshot field 'positions[0].quantity': missing.")]
    [InlineData("""{"balances":[{"kind":"free","owner":"alice","asset":"USDT","balance":1},{"kind":"free","owner":"alice","asset":"USDT","balance":1.5}]}""", "Snapshot field 'balances[1].balance': must be a whole number of 10⁻⁸ units, not 1.5.")]
    [InlineData("""{"accounts":[{"id":"alice"},{"id":"bob","parent":"a b"}]}""", "Snapshot field 'accounts[1].parent': 'a b' is not an account id.")]
    public void A_declined_item_is_refused_by_the_general_reader_with_its_path(string json, string expected)
    {
        var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode(SnapshotEnvelope.Around(json)));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    private static void AssertSame<T>(string json, StateMapping.BulkRead<T> bulk, Func<SnapshotElement, T> general)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();

        Assert.True(bulk(ref reader, out var item));
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.Equal(bytes.Length, reader.BytesConsumed);
        using var document = JsonDocument.Parse(bytes);
        Assert.Equal(general(SnapshotElement.Of(document.RootElement, "items", 0)), item);
    }

    private static void AssertDeclined<T>(string json, StateMapping.BulkRead<T> bulk)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        Assert.False(bulk(ref reader, out _));
    }
}
