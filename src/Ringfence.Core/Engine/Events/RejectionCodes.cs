namespace Ringfence.Core.Engine.Events;

/// <summary>The stable codes of <see cref="CommandRejected"/>. Codes are a public contract: add, never rename.</summary>
public static class RejectionCodes
{
    /// <summary>A value is out of range: zero or negative amount, size or price, a leverage below 1.</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>No such account.</summary>
    public const string UnknownAccount = "UNKNOWN_ACCOUNT";

    /// <summary>The account already exists.</summary>
    public const string DuplicateAccount = "DUPLICATE_ACCOUNT";

    /// <summary>No such instrument.</summary>
    public const string UnknownInstrument = "UNKNOWN_INSTRUMENT";

    /// <summary>The instrument is already listed.</summary>
    public const string DuplicateInstrument = "DUPLICATE_INSTRUMENT";

    /// <summary>No venue profile of that name.</summary>
    public const string UnknownProfile = "UNKNOWN_PROFILE";

    /// <summary>No such position.</summary>
    public const string UnknownPosition = "UNKNOWN_POSITION";

    /// <summary>No such pod.</summary>
    public const string UnknownPod = "UNKNOWN_POD";

    /// <summary>The pod already exists.</summary>
    public const string DuplicatePod = "DUPLICATE_POD";

    /// <summary>Not enough available balance for the transfer, the collateral or the fee.</summary>
    public const string InsufficientBalance = "INSUFFICIENT_BALANCE";

    /// <summary>The trade would leave the side without its initial margin.</summary>
    public const string InsufficientMargin = "INSUFFICIENT_MARGIN";

    /// <summary>The leverage exceeds the tier's maximum.</summary>
    public const string LeverageAboveTierMax = "LEVERAGE_ABOVE_TIER_MAX";

    /// <summary>The notional exceeds the largest tier cap.</summary>
    public const string NotionalAboveMaxTier = "NOTIONAL_ABOVE_MAX_TIER";

    /// <summary>A leverage below 1.</summary>
    public const string LeverageBelowOne = "LEVERAGE_BELOW_ONE";

    /// <summary>An isolated side names neither a leverage nor a margin for a new position, or both.</summary>
    public const string MarginSpecification = "MARGIN_SPECIFICATION";

    /// <summary>More margin than the maximum removable.</summary>
    public const string RemoveExceedsMax = "REMOVE_EXCEEDS_MAX";

    /// <summary>A reducing trade at a price beyond the isolated position's bankruptcy price.</summary>
    public const string BeyondBankruptcy = "BEYOND_BANKRUPTCY";

    /// <summary>The transfer is not between an account and its sub-account.</summary>
    public const string NotRelated = "NOT_RELATED";

    /// <summary>The instrument has no mark price yet.</summary>
    public const string NoMarkPrice = "NO_MARK_PRICE";

    /// <summary>A size that is not a whole number of lots, or a price off the tick.</summary>
    public const string OffIncrement = "OFF_INCREMENT";

    /// <summary>A trade whose buyer and seller are the same position.</summary>
    public const string SelfTrade = "SELF_TRADE";

    /// <summary>The command's time is earlier than the previous command's.</summary>
    public const string TimeWentBackwards = "TIME_WENT_BACKWARDS";

    /// <summary>An arithmetic result does not fit the fixed-point range.</summary>
    public const string Overflow = "OVERFLOW";

    /// <summary>The position is in liquidation: it can only be filled, deleveraged or topped up.</summary>
    public const string InLiquidation = "IN_LIQUIDATION";

    /// <summary>A liquidation fill beyond the bankruptcy price whose gap the insurance fund cannot cover.</summary>
    public const string InsufficientInsurance = "INSUFFICIENT_INSURANCE";

    /// <summary>The operation does not apply to the position's scope or state.</summary>
    public const string NotApplicable = "NOT_APPLICABLE";

    /// <summary>
    /// A fault in the engine itself, not in the command: an exception no rule foresaw. The command was rolled back and
    /// changed nothing; the reason names the exception's type and message. Report it: it is a defect.
    /// </summary>
    public const string InternalError = "INTERNAL_ERROR";
}
