using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Serialization;
using Ringfence.Server.Demo;

namespace Ringfence.Server.Tests.Demo;

/// <summary>
/// The demo does what the README says: its book opens without a refusal, and its bundled path drives top-ups, partial
/// and full liquidations, insurance-fund payouts and auto-deleveraging — through the engine, in memory, two passes.
/// </summary>
public sealed class DemoVenueTests
{
    [Fact]
    public void The_book_opens_and_the_crash_runs_every_step_of_the_waterfall()
    {
        var engine = new MarginEngine();
        var time = DateTimeOffset.Parse("2026-12-04T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var events = new List<EngineEvent>();
        void Run(IEnumerable<string> lines, bool mustAccept)
        {
            foreach (var line in lines)
            {
                var result = engine.Execute(CommandJson.Parse(line));
                Assert.True(!mustAccept || result.Accepted, $"{line}: {result.Rejection}");
                events.AddRange(result.Events);
            }
        }

        var path = DemoPricePath.Synthetic();
        Run(DemoVenue.Listing(), mustAccept: true);
        for (var round = 0; round < 2; round++)
        {
            Run(DemoVenue.Marks(path[0], time), mustAccept: true);
            Run(DemoVenue.Positions(path[0], round, id => Server.Api.ResourceIds.TryParsePosition(id, out var key) && engine.Queries.Position(key) is not null), mustAccept: true);
            foreach (var price in path)
            {
                time = time.AddSeconds(1);
                Run(DemoVenue.Marks(price, time), mustAccept: true);
            }
        }

        Assert.Contains(events, e => e is MarginToppedUp);
        Assert.Contains(events, e => e is PositionLiquidated { Partial: true });
        Assert.Contains(events, e => e is PositionLiquidated { Partial: false });
        Assert.Contains(events, e => e is BankruptcyGapCovered);
        Assert.Contains(events, e => e is AutoDeleveraged);
        Assert.All(engine.Audit(), audit => Assert.True(audit.Balances));
    }

    [Fact]
    public void A_kline_file_is_scaled_to_the_opening_price()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["open_time,open,high,low,close,volume", "1700000000000,100,110,90,50,1", "1700000060000,50,60,40,25,1"]);
            Assert.Equal([DemoVenue.OpeningBtc, DemoVenue.OpeningBtc / 2], DemoPricePath.FromKlines(file));
            File.WriteAllLines(file, ["1700000000000,100,110,90,abc,1"]);
            Assert.Throws<FormatException>(() => DemoPricePath.FromKlines(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
