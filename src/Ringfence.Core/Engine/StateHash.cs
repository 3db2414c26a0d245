using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ringfence.Core.Engine;

/// <summary>
/// The state hash: SHA-256 of a canonical text of the snapshot, one line per item in a fixed order with invariant
/// formatting, so that it is the same on every run and machine.
/// </summary>
public static class StateHash
{
    private const int ChunkCharacters = 64 * 1024;

    /// <summary>Lower-case hex SHA-256 of <paramref name="snapshot"/>'s canonical text.</summary>
    public static string Of(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        // The text is hashed in chunks of whole lines as it is written, so a large state's text is never held whole
        // (as a string and again as UTF-8 bytes).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        void Feed(StringBuilder chunk) => hash.AppendData(Encoding.UTF8.GetBytes(chunk.ToString()));
        Write(snapshot, text, Feed);
        Feed(text);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The canonical text the hash is taken over (useful to see what differs between two states).</summary>
    public static string CanonicalText(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        Write(snapshot, text, flush: null);
        return text.ToString();
    }

    /// <summary>
    /// Writes the canonical text into <paramref name="text"/>; with <paramref name="flush"/>, hands it over and
    /// clears it whenever it passes <see cref="ChunkCharacters"/>, always after a whole line.
    /// </summary>
    private static void Write(EngineSnapshot snapshot, StringBuilder text, Action<StringBuilder>? flush)
    {
        void Line(params object?[] fields)
        {
            text.AppendJoin('|', fields.Select(Format)).Append('\n');
            if (flush is not null && text.Length >= ChunkCharacters)
            {
                flush(text);
                text.Clear();
            }
        }

        Line("time", snapshot.LastTime);
        foreach (var account in snapshot.Accounts)
        {
            Line("account", account.Id, account.Parent);
        }

        foreach (var market in snapshot.Markets)
        {
            var i = market.Instrument;
            Line("market", i.Symbol, i.Kind, i.BaseAsset, i.QuoteAsset, i.SettleAsset, i.Contract.Type, i.Contract.Size, i.TickSize, i.LotSize,
                i.MakerFee, i.TakerFee, i.LiquidationFee, i.Expiry, market.Profile.Name, market.Mark,
                string.Join(';', market.Liquidity.Points.Select(p => $"{p.Notional}@{p.Impact}")), market.Liquidity.MaxImpact,
                market.IndexRule.MaximumAge.Ticks, market.IndexRule.OutlierBand, market.IndexRule.MinimumSources, market.Index,
                market.Guard?.Band, market.Guard?.LastAccepted, market.Guard?.Pending, market.LastFundingRate, market.Execution);
            foreach (var sample in market.FundingSamples)
            {
                Line("sample", i.Symbol, sample.Index, sample.Mark, sample.ImpactBid, sample.ImpactAsk);
            }

            foreach (var quote in market.IndexQuotes.Values)
            {
                Line("quote", i.Symbol, quote.Source, quote.Price, quote.Time);
            }
            foreach (var tier in i.Tiers.Tiers)
            {
                Line("tier", i.Symbol, tier.Number, tier.Floor, tier.Cap, tier.MaintenanceRate, tier.MaintenanceAmount, tier.MaxLeverage);
            }
        }

        foreach (var p in snapshot.Positions)
        {
            Line("position", p.Key, p.Side, p.Quantity, p.EntryPrice, p.Leverage, p.TopUp.Enabled, p.TopUp.Cap, p.TopUp.Used, p.InLiquidation);
        }

        foreach (var pod in snapshot.Pods)
        {
            Line("pod", pod);
        }

        foreach (var (account, balance) in snapshot.Balances)
        {
            Line("balance", account, balance);
        }

        foreach (var flow in snapshot.Flows)
        {
            Line("flow", flow.Asset, flow.Deposits, flow.Withdrawals);
        }

        foreach (var (symbol, history) in snapshot.InsuranceFundHistory)
        {
            foreach (var entry in history)
            {
                Line("fund", symbol, entry.Change, entry.Balance, entry.Reason);
            }
        }

        Line("idempotency", snapshot.IdempotencyWindow);
        foreach (var (id, outcome) in snapshot.Outcomes)
        {
            Line("outcome", id, outcome.Accepted, string.Join(';', outcome.Events), string.Join(';', outcome.Postings));
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "-",
        DateTimeOffset time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}
