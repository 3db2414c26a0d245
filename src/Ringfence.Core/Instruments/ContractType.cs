namespace Ringfence.Core.Instruments;

/// <summary>How a contract is settled, which decides how size and price become value.</summary>
public enum ContractType
{
    /// <summary>Quote-settled (USDT, USDC): value = contracts × contract size (base units) × price, in the quote asset.</summary>
    Linear,

    /// <summary>Coin-settled: value = contracts × face value (USD) ÷ price, in the base coin.</summary>
    Inverse,
}
