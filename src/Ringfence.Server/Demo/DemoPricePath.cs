using System.Globalization;

namespace Ringfence.Server.Demo;

/// <summary>
/// The BTC prices the demo plays: a bundled synthetic crash (calm, a fall of about 30% with two gaps, a partial
/// recovery), or a Binance kline CSV's closes scaled so that the path starts at <see cref="DemoVenue.OpeningBtc"/>.
/// </summary>
public static class DemoPricePath
{
    /// <summary>The bundled path: 150 steps, deterministic.</summary>
    public static IReadOnlyList<decimal> Synthetic()
    {
        var prices = new List<decimal>();
        var price = DemoVenue.OpeningBtc;
        for (var step = 0; step < 150; step++)
        {
            // A small deterministic wobble on every leg, so marks move on every tick.
            var wobble = (decimal)Math.Sin(step * 1.7) * 0.002m;
            // Two gaps: a small one the insurance fund (grown by the fees of earlier liquidations) can pay, and a large
            // one it cannot, so positions are deleveraged.
            var drift = step switch
            {
                < 20 => 0m,
                < 30 => -0.006m,
                30 => -0.03m,
                < 45 => -0.004m,
                45 => -0.12m,
                < 75 => -0.003m,
                < 110 => 0.004m,
                _ => 0m,
            };
            price *= 1 + drift + wobble;
            prices.Add(price);
        }

        return prices;
    }

    /// <summary>
    /// Reads the close prices of a Binance kline CSV (open time, open, high, low, close, …; with or without a header)
    /// and scales them to start at the demo's opening price.
    /// </summary>
    /// <exception cref="FormatException">A line has no valid close, or the file has none.</exception>
    public static IReadOnlyList<decimal> FromKlines(string path)
    {
        var closes = new List<decimal>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split(',');
            if (fields.Length < 5 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!decimal.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var close) || close <= 0)
            {
                if (number == 1)
                {
                    continue; // the header
                }

                throw new FormatException($"{path}:{number}: the close (5th field) is not a positive number");
            }

            closes.Add(close);
        }

        if (closes.Count == 0)
        {
            throw new FormatException($"{path}: no kline lines (open time, open, high, low, close, ...)");
        }

        var scale = DemoVenue.OpeningBtc / closes[0];
        return [.. closes.Select(c => c * scale)];
    }
}
