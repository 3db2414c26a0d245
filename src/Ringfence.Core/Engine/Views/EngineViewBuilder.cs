using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Views;

/// <summary>Builds the read model from the live state (called between commands, never during one).</summary>
internal static class EngineViewBuilder
{
    public static EngineView Build(EngineState state, Valuation valuation, string hash)
    {
        var balances = state.Ledger.Balances.ToList();
        var accounts = state.Accounts.Select(a => new AccountView(a.Id, a.Parent,
            balances.Where(b => b.Key.Kind == LedgerAccountKind.Free && b.Key.Owner == a.Id.Value)
                .ToDictionary(b => b.Key.Asset, b => b.Value))).ToList();

        var ranks = AdlRanks(valuation, state.Positions);
        var positions = state.Positions.Select(p => Position(valuation, p, ranks.GetValueOrDefault(p.Key))).ToList();

        var podAssets = balances.Where(b => b.Key.Kind == LedgerAccountKind.PodMargin).Select(b => b.Key.Asset).Distinct().ToList();
        var pods = state.Pods.Select(pod => Pod(state, valuation, podAssets, pod)).ToList();
        var funds = state.Markets.ToDictionary(m => m.Symbol, m => state.Ledger.Balance(LedgerAccount.InsuranceFund(m.Symbol, m.SettleAsset)), StringComparer.Ordinal);
        var history = state.FundHistory.ToDictionary(h => h.Key, h => (IReadOnlyList<InsuranceFundEntry>)h.Value.ToList(), StringComparer.Ordinal);
        return new EngineView(accounts, positions, pods, funds, state.Ledger.Audit(), hash, history);
    }

    /// <summary>
    /// Each position's place in the auto-deleveraging queue of its instrument and side (1 = deleveraged first), by
    /// score, ties broken by key; the backstop's positions are not ranked.
    /// </summary>
    public static Dictionary<Positions.PositionKey, int> AdlRanks(Valuation valuation, IEnumerable<Positions.Position> positions) =>
        positions
            .Where(p => p.Key.Account != AccountId.Backstop)
            .GroupBy(p => (p.Key.Symbol, p.Side))
            .SelectMany(g => g.Select(p => (p.Key, Score: valuation.AdlScore(p))).OrderByDescending(p => p.Score).ThenBy(p => p.Key).Select((p, i) => (p.Key, Rank: i + 1)))
            .ToDictionary(p => p.Key, p => p.Rank);

    /// <summary>One position as users see it, with its ADL rank given.</summary>
    public static PositionView Position(Valuation valuation, Positions.Position p, int rank)
    {
        var market = valuation.MarketOf(p);
        var collateral = valuation.EffectiveCollateral(p);
        var isolated = Valuation.AsIsolated(p, market, collateral);
        var tick = market.Instrument.TickSize;
        // The prices solved from the collateral here; the figures at the mark from the one formula the read models use.
        return new PositionView(p.Key.Account, p.Key.Symbol, p.Key.Scope, p.Side, p.Quantity, p.EntryPrice, p.Leverage, collateral,
            market.SettleAsset, market.Mark, Money.Zero, Money.Zero,
            market.Model.LiquidationPrice(isolated, tick), market.Model.BankruptcyPrice(isolated, tick), p.TopUp, rank)
        {
            InLiquidation = p.InLiquidation,
        }.WithMarkFigures(market);
    }

    /// <summary>A pod's figures in each asset it holds collateral or positions in.</summary>
    /// <param name="state">The state.</param>
    /// <param name="valuation">Its valuation.</param>
    /// <param name="collateralAssets">The assets the pod holds collateral in (more is harmless: an empty one is skipped).</param>
    /// <param name="pod">The pod.</param>
    public static PodView Pod(EngineState state, Valuation valuation, IEnumerable<Asset> collateralAssets, Pods.PodKey pod)
    {
        var assets = new SortedSet<Asset>(collateralAssets
            .Where(asset => state.Ledger.Balance(LedgerAccount.PodMargin(pod.Account, pod.Name, asset)) != Money.Zero)
            .Concat(state.PositionsOf(pod.Account, Positions.MarginScope.InPod(pod.Name)).Select(p => valuation.MarketOf(p).SettleAsset)));
        return new PodView(pod.Account, pod.Name, assets.Select(asset =>
        {
            var figures = valuation.Pod(pod, asset);
            return new PodAssetView(asset, figures.Collateral, figures.Equity, figures.Initial, figures.Maintenance);
        }).ToList());
    }
}
