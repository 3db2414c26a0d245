using System.Globalization;
using Ringfence.Core.Engine;
using Ringfence.Core.Margin;
using Ringfence.Core.Tests.Engine.Invariants;

namespace Ringfence.Storage.Tests.Snapshots;

/// <summary>
/// Asserts that two snapshots are the same state in every part, including what the state hash leaves out or formats
/// lossily: time offsets (the hash writes UTC), an outcome's duplicate flag, events and postings compared as records.
/// </summary>
internal static class SameSnapshot
{
    public static void Assert(EngineSnapshot expected, EngineSnapshot actual)
    {
        Xunit.Assert.Equal(StateHash.CanonicalText(expected), StateHash.CanonicalText(actual));
        Xunit.Assert.Equal(Exact(expected.LastTime), Exact(actual.LastTime));
        Xunit.Assert.Equal(expected.Accounts, actual.Accounts);
        Xunit.Assert.Equal(expected.Positions, actual.Positions);
        Xunit.Assert.Equal(expected.Pods, actual.Pods);
        Xunit.Assert.Equal(expected.Balances, actual.Balances);
        Xunit.Assert.Equal(expected.Flows, actual.Flows);

        Xunit.Assert.Equal(expected.Markets.Count, actual.Markets.Count);
        foreach (var (e, a) in expected.Markets.Zip(actual.Markets))
        {
            SameMarket(e, a);
        }

        Xunit.Assert.Equal(expected.InsuranceFundHistory.Select(h => h.Key), actual.InsuranceFundHistory.Select(h => h.Key));
        foreach (var (e, a) in expected.InsuranceFundHistory.Zip(actual.InsuranceFundHistory))
        {
            Xunit.Assert.Equal(e.Value, a.Value);
        }

        Xunit.Assert.Equal(expected.Outcomes.Select(o => o.Key), actual.Outcomes.Select(o => o.Key));
        foreach (var (e, a) in expected.Outcomes.Zip(actual.Outcomes))
        {
            Xunit.Assert.Equal(OutcomeText.Of(e.Value), OutcomeText.Of(a.Value));
            Xunit.Assert.Equal(e.Value.Accepted, a.Value.Accepted);
            Xunit.Assert.Equal(e.Value.Duplicate, a.Value.Duplicate);
            Xunit.Assert.Equal(e.Value.Events, a.Value.Events);
            Xunit.Assert.Equal(e.Value.Postings, a.Value.Postings);
        }
    }

    private static void SameMarket(Market expected, Market actual)
    {
        // The instrument's risk tier table is a class compared by reference: its tiers are compared on their own.
        Xunit.Assert.Equal(expected.Instrument with { Tiers = actual.Instrument.Tiers }, actual.Instrument);
        Xunit.Assert.Equal(expected.Instrument.Tiers.Tiers, actual.Instrument.Tiers.Tiers);
        Xunit.Assert.Equal(Exact(expected.Instrument.Expiry), Exact(actual.Instrument.Expiry));

        // Profiles are written by name and read back as the shipped profile itself.
        Xunit.Assert.Same(VenueProfiles.All.Single(p => p.Name == expected.Profile.Name), actual.Profile);
        Xunit.Assert.Equal(expected.Profile, actual.Profile);
        Xunit.Assert.Equal(expected.Mark, actual.Mark);
        Xunit.Assert.Equal(expected.Liquidity.Points, actual.Liquidity.Points);
        Xunit.Assert.Equal(expected.Liquidity.MaxImpact, actual.Liquidity.MaxImpact);
        Xunit.Assert.Equal(expected.IndexRule, actual.IndexRule);
        Xunit.Assert.Equal(expected.IndexQuotes.Keys, actual.IndexQuotes.Keys);
        Xunit.Assert.Equal(expected.IndexQuotes.Values, actual.IndexQuotes.Values);
        Xunit.Assert.Equal(expected.IndexQuotes.Values.Select(q => Exact(q.Time)), actual.IndexQuotes.Values.Select(q => Exact(q.Time)));
        Xunit.Assert.Equal(expected.Index, actual.Index);
        Xunit.Assert.Equal(expected.Guard, actual.Guard);
        Xunit.Assert.Equal(expected.LastFundingRate, actual.LastFundingRate);
        Xunit.Assert.Equal(expected.Execution, actual.Execution);
        Xunit.Assert.Equal(expected.FundingSamples, actual.FundingSamples);
    }

    /// <summary>A time with its offset: <see cref="DateTimeOffset"/> equality compares only the instant.</summary>
    private static string? Exact(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture);
}
