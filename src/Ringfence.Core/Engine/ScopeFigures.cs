using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine;

/// <summary>A margin scope's figures in one asset: collateral, unrealized PnL and requirements at mark.</summary>
internal readonly record struct ScopeFigures(Money Collateral, Money UnrealizedPnl, Money Initial, Money Maintenance)
{
    public Money Equity => Collateral + UnrealizedPnl;
}
