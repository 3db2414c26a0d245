using Ringfence.Core.Engine;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Engine;

/// <summary>A market's derived values — its margin model and settle asset — follow the instrument and profile they come from.</summary>
public sealed class MarketTests
{
    [Fact]
    public void A_copy_with_another_profile_derives_its_model_from_that_profile()
    {
        var market = new Market(Venue.Linear(), VenueProfiles.Ringfence, Price.FromWhole(20_000));

        var bybit = market with { Profile = VenueProfiles.Bybit };

        Assert.Same(VenueProfiles.Bybit, bybit.Model.Profile);
        Assert.Same(VenueProfiles.Ringfence, market.Model.Profile);
        Assert.Equal(market.Mark, bybit.Mark);
    }

    [Fact]
    public void A_copy_with_another_instrument_derives_its_model_and_settle_asset_from_it()
    {
        var market = new Market(Venue.Linear(), VenueProfiles.Ringfence, null);

        var instrument = Venue.Inverse();

        var inverse = market with { Instrument = instrument };

        Assert.Equal(Venue.Btc, inverse.SettleAsset);
        Assert.Same(instrument.Tiers, inverse.Model.Tiers);
        Assert.Same(market.Instrument.Tiers, market.Model.Tiers);
        Assert.NotEqual(market.SettleAsset, inverse.SettleAsset);
    }
}
