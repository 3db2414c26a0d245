using System.Runtime.CompilerServices;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine;

/// <summary>The command in progress: the state it changes, the events it has emitted, and the lookups that reject.</summary>
internal sealed class CommandContext(EngineState state, Valuation valuation)
{
    private readonly List<EngineEvent> _events = [];

    public EngineState State => state;

    public Valuation Valuation => valuation;

    public IReadOnlyList<EngineEvent> Events => _events;

    public void Emit(EngineEvent @event) => _events.Add(@event);

    public static CommandRejection Reject(string code, string reason) => new(code, reason);

    public static void Require(bool condition, string code, string reason)
    {
        if (!condition)
        {
            throw Reject(code, reason);
        }
    }

    /// <summary>Rejects with <paramref name="code"/> unless <paramref name="condition"/>; the reason is formatted only then.</summary>
    public static void Require(bool condition, string code, [InterpolatedStringHandlerArgument(nameof(condition))] ref RejectionReason reason)
    {
        if (!condition)
        {
            throw Reject(code, reason.Text());
        }
    }

    public static void RequirePositive(Money amount, string what) =>
        Require(amount.IsPositive, RejectionCodes.InvalidValue, $"{what} must be positive, not {amount}");

    public Account Account(AccountId id) =>
        state.TryGetAccount(id, out var account) ? account : throw Reject(RejectionCodes.UnknownAccount, $"no account '{id}'");

    public Market Market(string symbol) =>
        state.TryGetMarket(symbol, out var market) ? market : throw Reject(RejectionCodes.UnknownInstrument, $"no instrument '{symbol}'");

    public Position Position(PositionKey key) =>
        state.TryGetPosition(key, out var position) ? position : throw Reject(RejectionCodes.UnknownPosition, $"no {key.Scope} position of '{key.Account}' in {key.Symbol}");

    public void RequirePod(PodKey pod) =>
        Require(state.HasPod(pod), RejectionCodes.UnknownPod, $"no pod '{pod.Name}' in account '{pod.Account}'");

    /// <summary>Rejects unless <paramref name="amount"/> can leave the account's free balance.</summary>
    public void RequireAvailable(AccountId account, Asset asset, Money amount)
    {
        var available = valuation.Available(account, asset);
        Require(amount <= available, RejectionCodes.InsufficientBalance, $"'{account}' has {available} {asset} available, less than {amount}");
    }
}
