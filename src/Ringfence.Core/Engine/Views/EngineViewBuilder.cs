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

        var ranks = state.Positions
            .Where(p => p.Key.Account != AccountId.Backstop)
            .GroupBy(p => (p.Key.Symbol, p.Side))
            .SelectMany(g => g.Select(p => (p.Key, Score: valuation.AdlScore(p))).OrderByDescending(p => p.Score).ThenBy(p => p.Key).Select((p, i) => (p.Key, Rank: i + 1)))
            .ToDictionary(p => p.Key, p => p.Rank);
        var positions = state.Positions.Select(p =>
        {
            var market = valuation.MarketOf(p);
            var mark = Valuation.MarkFor(market, p);
            var collateral = valuation.EffectiveCollateral(p);
            var isolated = Valuation.AsIsolated(p, market, collateral);
            var tick = market.Instrument.TickSize;
            return new PositionView(p.Key.Account, p.Key.Symbol, p.Key.Scope, p.Side, p.Quantity, p.EntryPrice, p.Leverage, collateral,
                market.SettleAsset, market.Mark, IsolatedMarginModel.UnrealizedPnl(isolated, mark), market.Model.MaintenanceMargin(isolated, mark),
                market.Model.LiquidationPrice(isolated, tick), market.Model.BankruptcyPrice(isolated, tick), p.TopUp, ranks.GetValueOrDefault(p.Key));
        }).ToList();

        var pods = state.Pods.Select(pod =>
        {
            var assets = new SortedSet<Asset>(balances
                .Where(b => b.Key.Kind == LedgerAccountKind.PodMargin && b.Key.Owner == pod.ToString())
                .Select(b => b.Key.Asset)
                .Concat(state.PositionsOf(pod.Account, Positions.MarginScope.InPod(pod.Name)).Select(p => valuation.MarketOf(p).SettleAsset)));
            return new PodView(pod.Account, pod.Name, assets.Select(asset =>
            {
                var figures = valuation.Pod(pod, asset);
                return new PodAssetView(asset, figures.Collateral, figures.Equity, figures.Initial, figures.Maintenance);
            }).ToList());
        }).ToList();

        var funds = state.Markets.ToDictionary(m => m.Symbol, m => state.Ledger.Balance(LedgerAccount.InsuranceFund(m.Symbol, m.SettleAsset)), StringComparer.Ordinal);
        var history = state.FundHistory.ToDictionary(h => h.Key, h => (IReadOnlyList<InsuranceFundEntry>)h.Value.ToList(), StringComparer.Ordinal);
        return new EngineView(accounts, positions, pods, funds, state.Ledger.Audit(), hash, history);
    }
}
