using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>Listing instruments and moving their mark price: auto top-up first, then margin calls.</summary>
internal static class MarketHandler
{
    public static void Execute(CommandContext context, ListInstrument command)
    {
        var symbol = command.Instrument.Symbol;
        CommandContext.Require(!context.State.TryGetMarket(symbol, out _), RejectionCodes.DuplicateInstrument, $"instrument '{symbol}' is listed");
        CommandContext.Require(VenueProfiles.TryFind(command.Profile, out var profile), RejectionCodes.UnknownProfile,
            $"no profile '{command.Profile}' (known: {string.Join(", ", VenueProfiles.All.Select(p => p.Name))})");
        CommandContext.Require(Asset.TryCreate(command.Instrument.SettleAsset, out var settle), RejectionCodes.InvalidValue,
            $"'{command.Instrument.SettleAsset}' is not an asset code");
        context.State.PutMarket(new Market(command.Instrument, profile, null));
        context.Emit(new InstrumentListed(symbol, command.Instrument.Contract.Type, settle, profile.Name));
    }

    public static void Execute(CommandContext context, UpdateMarkPrice command)
    {
        var market = context.Market(command.Symbol);
        CommandContext.Require(command.Price.IsPositive, RejectionCodes.InvalidValue, $"a mark price must be positive, not {command.Price}");
        market = market with { Mark = command.Price };
        context.State.PutMarket(market);
        context.Emit(new MarkPriceUpdated(command.Symbol, command.Price));

        var crossAccounts = new SortedSet<AccountId>();
        var pods = new SortedSet<PodKey>();
        foreach (var position in context.State.PositionsIn(command.Symbol))
        {
            switch (position.Key.Scope.Kind)
            {
                case MarginScopeKind.Isolated:
                    CheckIsolated(context, market, position, command.Price);
                    break;
                case MarginScopeKind.Cross:
                    crossAccounts.Add(position.Key.Account);
                    break;
                default:
                    pods.Add(new PodKey(position.Key.Account, position.Key.Scope.Pod!));
                    break;
            }
        }

        foreach (var account in crossAccounts)
        {
            CallIfBelowMaintenance(context, account, MarginScope.Cross, market.SettleAsset, context.Valuation.Cross(account, market.SettleAsset));
        }

        foreach (var pod in pods)
        {
            CallIfBelowMaintenance(context, pod.Account, MarginScope.InPod(pod.Name), market.SettleAsset, context.Valuation.Pod(pod, market.SettleAsset));
        }
    }

    /// <summary>
    /// Auto top-up before liquidation: bring equity back to the initial margin at mark, from the free balance, within
    /// what the cap still allows; then a margin call if that was not enough.
    /// </summary>
    private static void CheckIsolated(CommandContext context, Market market, Position position, Price mark)
    {
        var isolated = context.Valuation.Isolated(position, market);
        if (!market.Model.IsLiquidatable(isolated, mark))
        {
            return;
        }

        if (position.TopUp.Enabled)
        {
            var target = market.Model.InitialMargin(isolated.Contract, isolated.Side, isolated.Quantity, mark, position.Leverage);
            var needed = target - IsolatedMarginModel.Equity(isolated, mark);
            var amount = Money.Min(needed, Money.Min(position.TopUp.Remaining, context.Valuation.Available(position.Key.Account, market.SettleAsset)));
            if (amount.IsPositive)
            {
                context.State.Ledger.Transfer(LedgerAccount.Free(position.Key.Account, market.SettleAsset), Valuation.CollateralAccount(position.Key, market), amount);
                var topUp = position.TopUp with { Used = position.TopUp.Used + amount };
                context.State.PutPosition(position with { TopUp = topUp });
                isolated = isolated.WithMarginChange(amount);
                context.Emit(new MarginToppedUp(position.Key.Account, position.Key.Symbol, amount, isolated.Margin, topUp.Remaining));
            }
        }

        if (market.Model.IsLiquidatable(isolated, mark))
        {
            context.Emit(new MarginCall(position.Key.Account, MarginScope.Isolated, position.Key.Symbol, market.SettleAsset,
                IsolatedMarginModel.Equity(isolated, mark), market.Model.MaintenanceMargin(isolated, mark)));
        }
    }

    private static void CallIfBelowMaintenance(CommandContext context, AccountId account, MarginScope scope, Asset asset, ScopeFigures figures)
    {
        if (figures.Maintenance.IsPositive && figures.Equity <= figures.Maintenance)
        {
            context.Emit(new MarginCall(account, scope, null, asset, figures.Equity, figures.Maintenance));
        }
    }
}
