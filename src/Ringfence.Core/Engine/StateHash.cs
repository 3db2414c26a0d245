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
        // The chunk is encoded piece by piece into one reused buffer: a string and a byte array per chunk were a
        // quarter of a gigabyte of garbage for a million positions. The encoder keeps a surrogate pair split between
        // two pieces whole, so the bytes are those of the text encoded at once.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(ChunkCharacters)];
        void Feed(StringBuilder chunk)
        {
            foreach (var piece in chunk.GetChunks())
            {
                var chars = piece.Span;
                while (!chars.IsEmpty)
                {
                    encoder.Convert(chars, bytes, flush: false, out var used, out var produced, out _);
                    hash.AppendData(bytes, 0, produced);
                    chars = chars[used..];
                }
            }
        }

        var text = new StringBuilder();
        Write(snapshot, text, Feed);
        Feed(text);
        encoder.Convert([], bytes, flush: true, out _, out var last, out _);
        hash.AppendData(bytes, 0, last);
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
        void EndLine()
        {
            text.Append('\n');
            if (flush is not null && text.Length >= ChunkCharacters)
            {
                flush(text);
                text.Clear();
            }
        }

        void Line(params object?[] fields)
        {
            text.AppendJoin('|', fields.Select(Format));
            EndLine();
        }

        Line("time", snapshot.LastTime);
        // Accounts, positions and balances are nearly all of a large state: their lines are written field by field,
        // the same text Line would make, without boxing a field or building a string per number.
        foreach (var account in snapshot.Accounts)
        {
            text.Append("account|").Append(account.Id.Value).Append('|').Append(account.Parent is { } parent ? parent.Value : "-");
            EndLine();
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
            text.Append("position|").Append(p.Key.Account.Value).Append('/').Append(p.Key.Symbol).Append('/').Append(p.Key.Scope.ToString())
                .Append('|').Append(p.Side.ToString());
            Units(text, p.Quantity.Units);
            Units(text, p.EntryPrice.Units);
            Units(text, p.Leverage.Units);
            text.Append('|').Append(Flag(p.TopUp.Enabled));
            Units(text, p.TopUp.Cap.Units);
            Units(text, p.TopUp.Used.Units);
            text.Append('|').Append(Flag(p.InLiquidation));
            EndLine();
        }

        foreach (var pod in snapshot.Pods)
        {
            Line("pod", pod);
        }

        foreach (var (account, balance) in snapshot.Balances)
        {
            text.Append("balance|").Append(account.Kind.ToString()).Append(':').Append(account.Owner).Append(':').Append(account.Asset.Code);
            Units(text, balance.Units);
            EndLine();
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

    /// <summary>A field separator and a fixed-point value's text, as its <c>ToString</c> writes it.</summary>
    private static void Units(StringBuilder text, long units)
    {
        Span<char> digits = stackalloc char[Numerics.FixedPoint.MaxFormattedLength];
        text.Append('|').Append(digits[..Numerics.FixedPoint.FormatInto(units, digits)]);
    }

    private static string Flag(bool flag) => flag ? "true" : "false";

    private static string Format(object? value) => value switch
    {
        null => "-",
        DateTimeOffset time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        bool flag => Flag(flag),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}
