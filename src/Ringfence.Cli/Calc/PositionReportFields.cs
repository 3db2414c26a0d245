namespace Ringfence.Cli.Calc;

/// <summary>
/// The fields of a <see cref="PositionReport"/> in output order. Both renderings walk this one list, so the JSON and
/// the table can never disagree on a figure.
/// </summary>
internal static class PositionReportFields
{
    /// <summary>The fields; the mark-only ones are left out when no mark price was given.</summary>
    public static IReadOnlyList<ReportField> Of(PositionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fields = new List<ReportField>
        {
            new("profile", "Profile", report.Profile.Name),
            new("notional", "Notional at entry", report.Notional.ToString()),
            new("initialMargin", "Initial margin", report.InitialMargin.ToString()),
            new("margin", "Position margin", report.Margin.ToString()),
            new("leverage", "Leverage", report.Leverage.ToString()),
            new("maintenanceMargin", "Maintenance margin", report.MaintenanceMargin.ToString()),
            new("tier", "Tier", report.Tier.Number),
            new("liquidationPrice", "Liquidation price", report.LiquidationPrice?.ToString()),
            new("liquidationTier", "Tier at liquidation", report.LiquidationTier),
            new("bankruptcyPrice", "Bankruptcy price", report.BankruptcyPrice?.ToString()),
        };

        if (report.AtMark is { } atMark)
        {
            fields.Add(new("marginRatio", "Margin ratio", atMark.MarginRatio?.ToString(), NullText: "undefined"));
            fields.Add(new("unrealizedPnl", "Unrealized PnL", atMark.UnrealizedPnl.ToString()));
            fields.Add(new("equity", "Equity", atMark.Equity.ToString()));
            fields.Add(new("liquidatable", "Liquidatable", atMark.Liquidatable));
        }

        fields.Add(new("maxRemovableMargin", "Max removable margin", report.MaxRemovableMargin.ToString()));
        fields.Add(new("maxQuantity", "Max quantity", report.MaxQuantity.ToString()));
        return fields;
    }
}
