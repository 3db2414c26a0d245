using System.Runtime.CompilerServices;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine;

/// <summary>
/// The command in progress: the state it changes, the events it has emitted, and the checks that reject it. A check
/// that fails records the rejection and returns false; the handler returns at once and the engine rolls the command
/// back. Rejections are values, not exceptions: a stream of refused commands (a client retrying, a hostile one) costs
/// what a check costs, not a throw and a catch each. The first rejection recorded is the one reported.
/// </summary>
internal sealed class CommandContext(EngineState state, Valuation valuation)
{
    // Reused by every command of the engine: the events are copied out once, into the result, when the command commits.
    private readonly List<EngineEvent> _events = [];

    public EngineState State => state;

    public Valuation Valuation => valuation;

    /// <summary>A copy of the events, for the command's result (the buffer is reused by the next command).</summary>
    public EngineEvent[] CopyEvents() => _events.ToArray();

    /// <summary>Why the command is refused, once a check has failed; null while it is going through.</summary>
    public CommandRejected? Rejection { get; private set; }

    /// <summary>Clears the events and the rejection for the next command.</summary>
    public void Begin()
    {
        _events.Clear();
        Rejection = null;
    }

    public void Emit(EngineEvent @event) => _events.Add(@event);

    /// <summary>Records a rejection (unless one is recorded already) and returns false, for <c>return context.Fail(…)</c>.</summary>
    public bool Fail(string code, string reason)
    {
        Rejection ??= new CommandRejected(code, reason);
        return false;
    }

    /// <summary>Returns <paramref name="condition"/>; when it is false, records a rejection with <paramref name="code"/>.</summary>
    public bool Require(bool condition, string code, string reason) => condition || Fail(code, reason);

    /// <summary>As <see cref="Require(bool, string, string)"/>, with the reason formatted only when the check fails.</summary>
    public bool Require(bool condition, string code, [InterpolatedStringHandlerArgument(nameof(condition))] ref RejectionReason reason) =>
        condition || Fail(code, reason.Text());

    public bool RequirePositive(Money amount, string what) =>
        Require(amount.IsPositive, RejectionCodes.InvalidValue, $"{what} must be positive, not {amount}");

    public bool TryAccount(AccountId id, out Account account) =>
        state.TryGetAccount(id, out account) || Fail(RejectionCodes.UnknownAccount, $"no account '{id}'");

    public bool RequireAccount(AccountId id) => TryAccount(id, out _);

    public bool TryMarket(string symbol, out Market market) =>
        state.TryGetMarket(symbol, out market) || Fail(RejectionCodes.UnknownInstrument, $"no instrument '{symbol}'");

    public bool TryPosition(PositionKey key, out Position position) =>
        state.TryGetPosition(key, out position) || Fail(RejectionCodes.UnknownPosition, $"no {key.Scope} position of '{key.Account}' in {key.Symbol}");

    public bool RequirePod(PodKey pod) =>
        Require(state.HasPod(pod), RejectionCodes.UnknownPod, $"no pod '{pod.Name}' in account '{pod.Account}'");

    /// <summary>Rejects unless <paramref name="amount"/> can leave the account's free balance.</summary>
    public bool RequireAvailable(AccountId account, Asset asset, Money amount)
    {
        var available = valuation.Available(account, asset);
        return Require(amount <= available, RejectionCodes.InsufficientBalance, $"'{account}' has {available} {asset} available, less than {amount}");
    }
}
