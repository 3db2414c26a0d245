using System.IO.Compression;
using System.Text;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Tests.Engine;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Tests.Snapshots;

/// <summary>The envelope (header, version, compression), exact values, and what cannot be read or written.</summary>
public sealed class SnapshotCodecFormatTests
{
    private static readonly byte[] Valid = SnapshotCodec.Encode(Venue.Open().TakeSnapshot());

    [Fact]
    public void A_payload_starts_with_the_magic_and_the_format_version_then_brotli_compressed_json()
    {
        Assert.Equal("RFSN"u8.ToArray(), Valid[..4]);
        Assert.Equal(SnapshotCodec.FormatVersion, Valid[4]);

        var json = Encoding.UTF8.GetString(Decompress(Valid[SnapshotCodec.HeaderLength..]));

        Assert.StartsWith("{\"idempotencyWindow\":1000000,\"accounts\":[{\"id\":\"alice\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"mark\":2000000000000", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_state_always_encodes_to_the_same_bytes() =>
        Assert.Equal(Valid, SnapshotCodec.Encode(SnapshotCodec.Decode(Valid)));

    [Fact]
    public void A_document_of_many_decompression_chunks_decodes_whole()
    {
        var engine = Venue.Open();
        for (var i = 0; i < 40_000; i++)
        {
            var account = AccountId.Create($"trader{i:D5}");
            // Execute, not Accept: auditing the whole ledger after each of 80,000 commands would take minutes.
            Assert.True(engine.Execute(new CreateAccount(account)).Accepted);
            Assert.True(engine.Execute(new Deposit(account, Venue.Usdt, Money.FromUnits(i + 1))).Accepted);
        }

        var snapshot = engine.TakeSnapshot();
        var payload = SnapshotCodec.Encode(snapshot);

        Assert.True(Decompress(payload[SnapshotCodec.HeaderLength..]).Length > 3 * DocumentChunks.ChunkSize);
        SameSnapshot.Assert(snapshot, SnapshotCodec.Decode(payload));
    }

    [Fact]
    public void Times_come_back_exact_to_the_tick_with_their_offset()
    {
        var time = new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(5.5)).AddTicks(1_234_567);
        var engine = Venue.Open();
        engine.Accept(new Deposit(Venue.Alice, Venue.Usdt, Money.FromWhole(1)) { Time = time });

        var decoded = SnapshotCodec.Decode(SnapshotCodec.Encode(engine.TakeSnapshot()));

        Assert.Equal(time.Ticks, decoded.LastTime!.Value.Ticks);
        Assert.Equal(time.Offset, decoded.LastTime.Value.Offset);
    }

    [Fact]
    public void Extreme_fixed_point_values_come_back_exact()
    {
        var extremes = new[] { long.MaxValue, -long.MaxValue, 1, -1, 0 }
            .Select((units, i) => new AssetFlows(Asset.Create($"X{i}"), Money.FromUnits(units), Money.FromUnits(-units)))
            .ToList();
        var snapshot = new EngineSnapshot([], [], [], [], [], extremes, [], null, []);

        Assert.Equal(extremes, SnapshotCodec.Decode(SnapshotCodec.Encode(snapshot)).Flows);
    }

    [Fact]
    public void A_market_under_a_profile_that_is_not_shipped_cannot_be_encoded()
    {
        var snapshot = Venue.Open().TakeSnapshot();
        var custom = snapshot.Markets[0] with { Profile = VenueProfiles.Ringfence with { TransferFloor = Rate.Parse("0.2") } };

        var refused = Assert.Throws<NotSupportedException>(() => SnapshotCodec.Encode(snapshot with { Markets = [custom] }));

        Assert.Contains("BTCUSDT", refused.Message, StringComparison.Ordinal);
        Assert.Contains("VenueProfiles", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(255)]
    public void A_payload_of_another_format_version_is_refused_by_version(byte version)
    {
        var other = (byte[])Valid.Clone();
        other[4] = version;

        var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode(other));

        Assert.Equal($"Snapshot format version {version} is not supported: this build reads version 2 only.", refused.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("RFS")]
    [InlineData("{\"accounts\":[]}")]
    [InlineData("PK\u0003\u0004 a zip file")]
    public void Bytes_that_are_not_a_snapshot_are_refused_as_such(string text)
    {
        var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode(Encoding.UTF8.GetBytes(text)));

        Assert.StartsWith("Not a Ringfence snapshot", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Brotli has no checksum, so random bytes may pass for the start of a stream: whichever way the bytes fail —
    /// invalid compressed data, a stream that ends early, or what decompresses not being the document — they are refused.
    /// (Damage that still decodes is caught by the store's payload checksum and the state hash checked on recovery.)
    /// </summary>
    [Fact]
    public void Garbage_after_a_valid_header_is_refused()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var garbage = new byte[random.Next(1, 400)];
            random.NextBytes(garbage);

            var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode([.. "RFSN"u8, SnapshotCodec.FormatVersion, .. garbage]));

            Assert.Matches("damaged|truncated|malformed|must be one JSON object|after the end", refused.Message);
        }
    }

    [Fact]
    public void A_stream_that_is_not_brotli_is_refused_as_damaged()
    {
        var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode([.. "RFSN"u8, SnapshotCodec.FormatVersion, 0xFF, 0xFF, 0xFF, 0xFF]));

        Assert.Equal("The snapshot payload is damaged: its compressed document is not valid Brotli data.", refused.Message);
    }

    [Fact]
    public void Every_truncation_of_a_payload_is_refused()
    {
        for (var length = 0; length < Valid.Length; length++)
        {
            var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode(Valid.AsSpan(0, length)));
            Assert.False(string.IsNullOrWhiteSpace(refused.Message));
            if (length > SnapshotCodec.HeaderLength)
            {
                Assert.Contains("truncated", refused.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Bytes_after_the_compressed_document_are_refused()
    {
        var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode([.. Valid, 0]));

        Assert.Contains("after the end of its compressed document", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"accounts\":[", "malformed or truncated")]
    [InlineData("[]", "must be one JSON object")]
    [InlineData("{} {}", "malformed or truncated")]
    [InlineData("{\"accounts\":[]}", "Snapshot field 'markets' is missing.")]
    [InlineData("{\"accounts\":[],\"markets\":[],\"positions\":[],\"pods\":[],\"balances\":[],\"flows\":[],\"outcomes\":[],\"insuranceFundHistory\":[]}", "Snapshot field 'idempotencyWindow' is missing.")]
    [InlineData("{\"idempotencyWindow\":0}", "Snapshot field 'idempotencyWindow' must be a whole number of at least 1.")]
    [InlineData("{\"idempotencyWindow\":\"big\"}", "Snapshot field 'idempotencyWindow' must be a whole number of at least 1.")]
    [InlineData("{\"idempotencyWindow\":5,\"idempotencyWindow\":5}", "Snapshot field 'idempotencyWindow' is given twice.")]
    [InlineData("{\"accounts\":[],\"accounts\":[]}", "Snapshot field 'accounts' is given twice.")]
    [InlineData("{\"accounts\":{}}", "Snapshot field 'accounts' must be an array")]
    [InlineData("{\"acounts\":[]}", "Snapshot field 'acounts' is unknown")]
    [InlineData("{\"lastTime\":\"yesterday\"}", "Snapshot field 'lastTime': 'yesterday' is not a round-trip (\"O\") time.")]
    [InlineData("{\"accounts\":[{\"id\":\"a b\"}]}", "Snapshot field 'accounts[0].id': 'a b' is not an account id.")]
    [InlineData("{\"accounts\":[{}]}", "Snapshot field 'accounts[0].id': missing.")]
    [InlineData("{\"flows\":[{\"asset\":\"USDT\",\"deposits\":\"1.5\",\"withdrawals\":0}]}", "Snapshot field 'flows[0].deposits': must be a whole number of 10⁻⁸ units, not \"1.5\".")]
    [InlineData("{\"flows\":[{\"asset\":\"USDT\",\"deposits\":1.5,\"withdrawals\":0}]}", "Snapshot field 'flows[0].deposits': must be a whole number of 10⁻⁸ units, not 1.5.")]
    [InlineData("{\"flows\":[{\"asset\":\"USDT\",\"deposits\":9223372036854775808,\"withdrawals\":0}]}", "Snapshot field 'flows[0].deposits': must be a whole number of 10⁻⁸ units")]
    [InlineData("{\"positions\":[{\"account\":\"a\",\"symbol\":\"S\",\"scope\":\"isolated\",\"side\":\"up\"}]}", "Snapshot field 'positions[0].side': 'up' is not a PositionSide (known: long, short).")]
    [InlineData("{\"outcomes\":[{\"clientId\":\"c\",\"accepted\":true,\"events\":[{\"type\":\"Teleported\"}],\"postings\":[]}]}", "Snapshot field 'outcomes[0].events[0].type': unknown event type 'Teleported'.")]
    public void A_document_with_a_problem_is_refused_with_the_field_it_is_in(string json, string expected)
    {
        var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode(SnapshotEnvelope.Around(json)));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_market_that_fails_validation_is_refused_with_its_path()
    {
        var json = Encoding.UTF8.GetString(Decompress(Valid[SnapshotCodec.HeaderLength..]))
            .Replace("\"tickSize\":10000000", "\"tickSize\":0", StringComparison.Ordinal);

        var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode(SnapshotEnvelope.Around(json)));

        Assert.StartsWith("Snapshot object 'markets[0].instrument' is invalid: The tick size must be positive.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_profile_is_refused_by_name()
    {
        var json = Encoding.UTF8.GetString(Decompress(Valid[SnapshotCodec.HeaderLength..]))
            .Replace("\"profile\":\"ringfence\"", "\"profile\":\"nowhere\"", StringComparison.Ordinal);

        var refused = Assert.Throws<SnapshotFormatException>(() => SnapshotCodec.Decode(SnapshotEnvelope.Around(json)));

        Assert.StartsWith("Snapshot field 'markets[0].profile': no venue profile 'nowhere' (known: ringfence, binance", refused.Message, StringComparison.Ordinal);
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var input = new MemoryStream(compressed);
        using var decompressor = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decompressor.CopyTo(output);
        return output.ToArray();
    }
}
