namespace Ringfence.Core.Instruments;

/// <summary>Whether a contract runs forever (with funding) or expires and settles.</summary>
public enum InstrumentKind
{
    /// <summary>A perpetual swap: no expiry; longs and shorts exchange funding to keep it near the index.</summary>
    Perpetual,

    /// <summary>A dated future: settles against the index at its expiry; no funding.</summary>
    DatedFuture,
}
