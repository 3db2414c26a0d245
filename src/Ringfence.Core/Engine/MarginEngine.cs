using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Engine.Handlers;
using Ringfence.Core.Ledger;
using Ringfence.Core.Pods;

namespace Ringfence.Core.Engine;

/// <summary>
/// The deterministic margin engine: a single-writer state machine. <see cref="Execute"/> applies a command completely
/// and returns its events, or rejects it with one <see cref="CommandRejected"/> and changes nothing. Time arrives in
/// commands; the engine reads no clock, draws no random numbers and is not thread-safe (one thread owns it).
/// </summary>
public sealed class MarginEngine
{
    private readonly EngineState _state;
    private readonly Valuation _valuation;

    // Made once: a method group converted on every command allocated a delegate per command.
    private readonly Func<Positions.Position, Numerics.Price?> _liquidationPriceOf;

    // One context for every command: the engine runs one command at a time, so its event buffer is reused.
    private readonly CommandContext _context;

    /// <summary>Creates an empty engine.</summary>
    /// <param name="podModel">How pods are margined; <see cref="SumOfLegsPodMarginModel"/> by default.</param>
    public MarginEngine(IPodMarginModel? podModel = null)
        : this(new EngineState(), podModel)
    {
    }

    /// <summary>Creates an empty engine set up by <paramref name="options"/>.</summary>
    public MarginEngine(EngineOptions options)
        : this(new EngineState((options ?? throw new ArgumentNullException(nameof(options))).IdempotencyWindow, options.BoundCrossValuations), options.PodModel)
    {
    }

    private MarginEngine(EngineState state, IPodMarginModel? podModel)
    {
        _state = state;
        PodModel = podModel ?? SumOfLegsPodMarginModel.Instance;
        _valuation = new Valuation(state, PodModel);
        _liquidationPriceOf = LiquidationPriceOf;
        _context = new CommandContext(state, _valuation);
        Queries = new Views.EngineQueries(state, _valuation);
    }

    /// <summary>Reads of single items of the state (between commands, on the engine's thread).</summary>
    public Views.EngineQueries Queries { get; }

    /// <summary>The pod margin model in use.</summary>
    public IPodMarginModel PodModel { get; }

    /// <summary>
    /// Commands this engine instance rejected with <see cref="RejectionCodes.InternalError"/> since it was created or
    /// restored: each is a defect to report. Not part of the state (nor of its hash); a replay counts them again.
    /// </summary>
    public long Faults { get; private set; }

    /// <summary>
    /// Executes one command. A rule that refuses it gives a rejection with its code (a value the handlers return, not an
    /// exception); an exception no rule foresaw (a defect) is caught too: the command is rolled back and rejected with
    /// <see cref="RejectionCodes.InternalError"/>, so one bad command can neither leave half its changes behind nor stop
    /// the engine. Only <see cref="OutOfMemoryException"/> escapes (after the rollback): the process cannot be trusted
    /// to go on.
    /// </summary>
    public ExecutionResult Execute(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.ClientId is { } clientId && _state.ClientIds.TryGet(clientId, out var first))
        {
            return first with { Duplicate = true };
        }

        _state.Ledger.BeginCommand();
        var context = _context;
        context.Begin();
        var committed = false;
        try
        {
            if (command.Time is { } time && _state.LastTime is { } last && time < last)
            {
                context.Fail(RejectionCodes.TimeWentBackwards, $"time {time:O} is before the previous command's {last:O}");
            }
            else
            {
                Dispatch(context, command);
            }

            if (context.Rejection is { } rejection)
            {
                return Reject(rejection);
            }

            if (command.Time is not null)
            {
                _state.SetLastTime(command.Time);
            }

            _state.RefreshIndex(_liquidationPriceOf);
            var result = new ExecutionResult(true, context.CopyEvents(), _state.Ledger.CopyPostings());
            _state.Undo.Commit();
            committed = true;
            if (command.ClientId is { } id)
            {
                _state.ClientIds.Remember(id, result);
            }

            return result;
        }
        catch (OverflowException overflow)
        {
            return Reject(context.Rejection ?? new CommandRejected(RejectionCodes.Overflow, overflow.Message));
        }
        catch (InsufficientBalanceException insufficient)
        {
            return Reject(context.Rejection ?? new CommandRejected(RejectionCodes.InsufficientBalance, insufficient.Message));
        }
        catch (ArgumentException invalid)
        {
            return Reject(context.Rejection ?? new CommandRejected(RejectionCodes.InvalidValue, invalid.Message));
        }
#pragma warning disable CA1031 // The fault policy: any defect becomes a journaled, replayable rejection, not a dead engine.
        catch (Exception fault) when (fault is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            // A check that refused and the code that went on past it anyway: the refusal is the outcome, not the fault.
            if (context.Rejection is { } refused)
            {
                return Reject(refused);
            }

            Faults++;
            return Reject(new CommandRejected(RejectionCodes.InternalError, $"{fault.GetType().Name}: {fault.Message}"));
        }
        finally
        {
            // Whatever escaped, the state must not keep half a command.
            if (!committed)
            {
                _state.Undo.Rollback();
                _state.ForgetTouched();
            }
        }
    }

    /// <summary>The complete state as immutable data.</summary>
    public EngineSnapshot TakeSnapshot() => new(
        _state.Accounts,
        _state.Markets.ToList(),
        _state.Positions,
        _state.Pods.ToList(),
        _state.Ledger.Balances,
        _state.Ledger.Flows.Select(f => new AssetFlows(f.Key, f.Value.Deposits, f.Value.Withdrawals)).ToList(),
        _state.ClientIds.Remembered.ToList(),
        _state.LastTime,
        _state.FundHistory.Select(h => new KeyValuePair<string, IReadOnlyList<InsuranceFundEntry>>(h.Key, h.Value.ToList())).ToList(),
        _state.ClientIds.Size);

    /// <summary>
    /// An engine in exactly the state of <paramref name="snapshot"/>, its idempotency window included. Loaded in bulk
    /// (no undo records; ordered collections and the liquidation index each built by one sort), so a million positions
    /// restore in seconds.
    /// </summary>
    public static MarginEngine Restore(EngineSnapshot snapshot, IPodMarginModel? podModel = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = new EngineState(snapshot.IdempotencyWindow);
        var engine = new MarginEngine(state, podModel);
        state.Load(snapshot, engine._liquidationPriceOf);
        return engine;
    }

    /// <summary>The state hash (see <see cref="StateHash"/>).</summary>
    public string Hash() => StateHash.Of(TakeSnapshot());

    /// <summary>Ledger totals per asset; conservation holds when each <see cref="AssetAudit.Balances"/>.</summary>
    public IReadOnlyList<AssetAudit> Audit() => _state.Ledger.Audit();

    /// <summary>A read model of the current state: accounts, positions with their prices, pods, insurance funds, audit, hash.</summary>
    public Views.EngineView View() => Views.EngineViewBuilder.Build(_state, _valuation, Hash());

    private Numerics.Price? LiquidationPriceOf(Positions.Position position)
    {
        var market = _valuation.MarketOf(position);
        return market.Model.LiquidationPrice(_valuation.Isolated(position, market), market.Instrument.TickSize);
    }

    private ExecutionResult Reject(CommandRejected rejection)
    {
        _state.Undo.Rollback();
        _state.ForgetTouched();
        return new ExecutionResult(false, [rejection], []);
    }

    private static void Dispatch(CommandContext context, Command command)
    {
        switch (command)
        {
            case CreateAccount c: AccountHandler.Execute(context, c); break;
            case Deposit c: AccountHandler.Execute(context, c); break;
            case Withdraw c: AccountHandler.Execute(context, c); break;
            case Transfer c: AccountHandler.Execute(context, c); break;
            case ListInstrument c: MarketHandler.Execute(context, c); break;
            case UpdateMarkPrice c: MarketHandler.Execute(context, c); break;
            case Sweep c: MarketHandler.Execute(context, c); break;
            case UpdateIndexPrice c: MarketHandler.Execute(context, c); break;
            case LiquidationFill c: new Liquidator(context).Fill(c); break;
            case ApplyFundingRate c: FundingHandler.Execute(context, c); break;
            case RecordFundingSample c: FundingHandler.Execute(context, c); break;
            case SettleFunding c: FundingHandler.Execute(context, c); break;
            case Trade c: TradeHandler.Execute(context, c); break;
            case AddMargin c: MarginHandler.Execute(context, c); break;
            case RemoveMargin c: MarginHandler.Execute(context, c); break;
            case SetLeverage c: MarginHandler.Execute(context, c); break;
            case SetAutoTopUp c: MarginHandler.Execute(context, c); break;
            case CreatePod c: PodHandler.Execute(context, c); break;
            case FundPod c: PodHandler.Execute(context, c); break;
            case DefundPod c: PodHandler.Execute(context, c); break;
            case MovePositionToPod c: PodHandler.Execute(context, c); break;
            default: context.Fail(RejectionCodes.NotApplicable, $"unknown command {command.GetType().Name}"); break;
        }
    }
}
