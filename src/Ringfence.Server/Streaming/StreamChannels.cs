using Ringfence.Core.Engine.Events;

namespace Ringfence.Server.Streaming;

/// <summary>
/// Which WebSocket channel an event belongs to, and whose it is: <c>account</c> and <c>positions</c> carry an account's
/// own events (a trader sees only its own and its sub-accounts'); <c>liquidations</c>, <c>marks</c> and
/// <c>insurance</c> are public aggregates (a liquidation shown to anyone but its owner, an operator or the venue
/// carries no account).
/// </summary>
public static class StreamChannels
{
    public const string Account = "account", Positions = "positions", Liquidations = "liquidations", Marks = "marks", Insurance = "insurance";

    /// <summary>Every channel, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Account, Positions, Liquidations, Marks, Insurance];

    /// <summary>The channels <paramref name="event"/> goes to (none for a rejection or an internal check).</summary>
    public static IReadOnlyList<string> Of(EngineEvent @event) => @event switch
    {
        AccountCreated or Deposited or Withdrawn or Transferred or FeeCharged or FundingPaid => [Account],
        PositionOpened or PositionChanged or PositionClosed or MarginAdded or MarginRemoved or LeverageChanged or AutoTopUpSet
            or MarginToppedUp or LiquidationOrderIssued or LiquidationCancelled or PodCreated or PodFunded or PodDefunded or PositionMovedToPod => [Positions],
        LiquidationStarted or PositionLiquidated or AutoDeleveraged => [Positions, Liquidations],
        BankruptcyGapCovered or BackstopAbsorbed => [Liquidations],
        MarkPriceUpdated or IndexPriceUpdated or MarkPriceHeld or IndexPriceHeld or FundingRateSettled or FundingShortfall => [Marks],
        InsuranceFundChanged => [Insurance],
        _ => [],
    };

    /// <summary>Whether the channel is public (every key may subscribe; traders get it without others' account ids).</summary>
    public static bool IsPublic(string channel) => channel is Liquidations or Marks or Insurance;
}
