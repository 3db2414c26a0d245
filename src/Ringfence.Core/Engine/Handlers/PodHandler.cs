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
        if (!context.RequireAccount(command.Account)
            || !context.Require(MarginScope.TryParse("pod:" + command.Pod, out _), RejectionCodes.InvalidValue, $"'{command.Pod}' is not a valid pod name"))
        {
            return;
        }

        var pod = new PodKey(command.Account, command.Pod);
        if (!context.Require(!context.State.HasPod(pod), RejectionCodes.DuplicatePod, $"pod '{command.Pod}' exists in '{command.Account}'"))
        {
            return;
        }

        context.State.AddPod(pod);
        context.Emit(new PodCreated(command.Account, command.Pod));
    }

    public static void Execute(CommandContext context, FundPod command)
    {
        if (!TryPod(context, command.Account, command.Pod, out var pod)
            || !context.RequirePositive(command.Amount, "pod funding")
            || !context.RequireAvailable(command.Account, command.Asset, command.Amount))
        {
            return;
        }

        var podAccount = LedgerAccount.PodMargin(command.Account, command.Pod, command.Asset);
        context.State.Ledger.Transfer(LedgerAccount.Free(command.Account, command.Asset), podAccount, command.Amount);
        context.Emit(new PodFunded(pod.Account, pod.Name, command.Asset, command.Amount, context.State.Ledger.Balance(podAccount)));
    }

    public static void Execute(CommandContext context, DefundPod command)
    {
        if (!TryPod(context, command.Account, command.Pod, out var pod) || !context.RequirePositive(command.Amount, "pod defunding"))
        {
            return;
        }

        var figures = context.Valuation.Pod(pod, command.Asset);
        var removable = Numerics.Money.Max(Numerics.Money.Zero, Numerics.Money.Min(figures.Collateral, figures.Equity - figures.Initial));
        if (!context.Require(command.Amount <= removable, RejectionCodes.RemoveExceedsMax,
                $"at most {removable} {command.Asset} can leave pod '{pod.Name}' (collateral {figures.Collateral}, equity {figures.Equity}, initial requirement {figures.Initial})"))
        {
            return;
        }

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
        if (!TryPod(context, command.Account, command.Pod, out _)
            || !context.TryMarket(command.Symbol, out var market)
            || !context.TryPosition(new PositionKey(command.Account, command.Symbol, MarginScope.Isolated), out var position)
            || !MarginHandler.RequireNotInLiquidation(context, position))
        {
            return;
        }

        var margin = context.Valuation.IsolatedMargin(position, market);
        var podAccount = LedgerAccount.PodMargin(command.Account, command.Pod, market.SettleAsset);
        context.State.Ledger.Transfer(Valuation.CollateralAccount(position.Key, market), podAccount, margin);
        context.State.RemovePosition(position.Key);

        var podKey = new PositionKey(command.Account, command.Symbol, MarginScope.InPod(command.Pod));
        if (context.State.TryGetPosition(podKey, out _))
        {
            if (!new PositionChanges(context).Apply(podKey, market, position.Side, position.Quantity, position.EntryPrice, null, null, out _))
            {
                return;
            }
        }
        else
        {
            context.State.PutPosition(position with { Key = podKey, TopUp = AutoTopUp.Off });
        }

        if (!TradeHandler.RequireInitialMargin(context, market, podKey))
        {
            return;
        }

        context.Emit(new PositionMovedToPod(command.Account, command.Symbol, command.Pod, margin));
    }

    private static bool TryPod(CommandContext context, AccountId account, string name, out PodKey pod)
    {
        pod = new PodKey(account, name);
        return context.RequireAccount(account) && context.RequirePod(pod);
    }
}
