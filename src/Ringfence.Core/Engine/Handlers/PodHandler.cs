using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>Risk pods: create, fund, defund, and move an isolated position (with its collateral) into one.</summary>
internal static class PodHandler
{
    public static void Execute(CommandContext context, CreatePod command)
    {
        context.Account(command.Account);
        CommandContext.Require(MarginScope.TryParse("pod:" + command.Pod, out _), RejectionCodes.InvalidValue, $"'{command.Pod}' is not a valid pod name");
        var pod = new PodKey(command.Account, command.Pod);
        CommandContext.Require(!context.State.HasPod(pod), RejectionCodes.DuplicatePod, $"pod '{command.Pod}' exists in '{command.Account}'");
        context.State.AddPod(pod);
        context.Emit(new PodCreated(command.Account, command.Pod));
    }

    public static void Execute(CommandContext context, FundPod command)
    {
        var pod = Pod(context, command.Account, command.Pod);
        CommandContext.RequirePositive(command.Amount, "pod funding");
        context.RequireAvailable(command.Account, command.Asset, command.Amount);
        var podAccount = LedgerAccount.PodMargin(command.Account, command.Pod, command.Asset);
        context.State.Ledger.Transfer(LedgerAccount.Free(command.Account, command.Asset), podAccount, command.Amount);
        context.Emit(new PodFunded(pod.Account, pod.Name, command.Asset, command.Amount, context.State.Ledger.Balance(podAccount)));
    }

    public static void Execute(CommandContext context, DefundPod command)
    {
        var pod = Pod(context, command.Account, command.Pod);
        CommandContext.RequirePositive(command.Amount, "pod defunding");
        var figures = context.Valuation.Pod(pod, command.Asset);
        var removable = Numerics.Money.Max(Numerics.Money.Zero, Numerics.Money.Min(figures.Collateral, figures.Equity - figures.Initial));
        CommandContext.Require(command.Amount <= removable, RejectionCodes.RemoveExceedsMax,
            $"at most {removable} {command.Asset} can leave pod '{pod.Name}' (collateral {figures.Collateral}, equity {figures.Equity}, initial requirement {figures.Initial})");
        var podAccount = LedgerAccount.PodMargin(command.Account, command.Pod, command.Asset);
        context.State.Ledger.Transfer(podAccount, LedgerAccount.Free(command.Account, command.Asset), command.Amount);
        context.Emit(new PodDefunded(pod.Account, pod.Name, command.Asset, command.Amount, context.State.Ledger.Balance(podAccount)));
    }

    /// <summary>
    /// The isolated position's collateral moves into the pod and the position joins it. If the pod already holds the
    /// instrument, the two net like a fill at the moved position's entry price (PnL realized into the pod).
    /// </summary>
    public static void Execute(CommandContext context, MovePositionToPod command)
    {
        var pod = Pod(context, command.Account, command.Pod);
        var market = context.Market(command.Symbol);
        var position = context.Position(new PositionKey(command.Account, command.Symbol, MarginScope.Isolated));
        MarginHandler.RequireNotInLiquidation(position);
        var margin = context.Valuation.IsolatedMargin(position, market);
        var podAccount = LedgerAccount.PodMargin(command.Account, command.Pod, market.SettleAsset);
        context.State.Ledger.Transfer(Valuation.CollateralAccount(position.Key, market), podAccount, margin);
        context.State.RemovePosition(position.Key);

        var podKey = new PositionKey(command.Account, command.Symbol, MarginScope.InPod(command.Pod));
        if (context.State.TryGetPosition(podKey, out _))
        {
            new PositionChanges(context).Apply(podKey, market, position.Side, position.Quantity, position.EntryPrice, null, null);
        }
        else
        {
            context.State.PutPosition(position with { Key = podKey, TopUp = AutoTopUp.Off });
        }

        TradeHandler.RequireInitialMargin(context, market, podKey);
        context.Emit(new PositionMovedToPod(command.Account, command.Symbol, command.Pod, margin));
    }

    private static PodKey Pod(CommandContext context, AccountId account, string name)
    {
        context.Account(account);
        var pod = new PodKey(account, name);
        context.RequirePod(pod);
        return pod;
    }
}
