using Ringfence.Core.Engine.Views;
using Ringfence.Core.Numerics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ringfence.Cli.Run;

/// <summary>
/// Renders a <see cref="ScenarioOutcome"/> as readable tables, plain text without colours: the events (line, type,
/// key fields), then the final state (accounts and balances, positions with their liquidation and bankruptcy prices,
/// pods, insurance funds, the audit) and the state hash. Line errors go to standard error, not here.
/// </summary>
internal static class ScenarioTableWriter
{
    /// <summary>Writes the tables, <paramref name="columns"/> wide at most.</summary>
    public static void Write(ScenarioOutcome outcome, TextWriter output, int columns)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var console = new PlainConsole(output, columns);

        var state = outcome.State;
        Section(console, "Events", [("Line", false), ("Event", false), ("Details", false)], outcome.Events.Select(e => new[]
        {
            Number(e.Line), e.Duplicate ? $"{e.Event.Type} (duplicate id)" : e.Event.Type, EventDetails.Describe(e.Event),
        }));

        Section(console, "Accounts", [("Account", false), ("Parent", false), ("Asset", false), ("Balance", true)], state.Accounts.SelectMany(AccountRows));

        // Two tables, not one of fourteen columns, so that each fits an 80-column terminal; both name the position by
        // its account, symbol and scope. Headers are broken by hand: Spectre narrows a table that is too wide by folding
        // its widest columns, and a header wider than its figures would make it fold a number.
        Section(
            console,
            "Positions",
            [("Position", false), ("Side", false), ("Quantity", true), ("Entry\nprice", true), ("Lev.", true), ("Margin", true), ("Asset", false)],
            state.Positions.Select(p => new[]
            {
                PositionName(p), Lower(p.Side), p.Quantity.ToString(), p.EntryPrice.ToString(), p.Leverage.ToString(), p.Margin.ToString(),
                p.Asset.ToString(),
            }));

        Section(
            console,
            "Position risk",
            [
                ("Position", false), ("Mark\nprice", true), ("Unrealized\nPnL", true), ("Maint.\nmargin", true), ("Liq.\nprice", true),
                ("Bankruptcy\nprice", true),
            ],
            state.Positions.Select(p => new[]
            {
                PositionName(p), PriceText(p.MarkPrice), p.UnrealizedPnl.ToString(), p.MaintenanceMargin.ToString(), PriceText(p.LiquidationPrice),
                PriceText(p.BankruptcyPrice),
            }));

        Section(
            console,
            "Pods",
            [("Account", false), ("Pod", false), ("Asset", false), ("Collateral", true), ("Equity", true), ("Initial margin", true), ("Maintenance", true)],
            state.Pods.SelectMany(PodRows));

        Section(
            console,
            "Insurance funds",
            [("Instrument", false), ("Balance", true)],
            state.InsuranceFunds.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new[] { f.Key, f.Value.ToString() }));

        Section(
            console,
            "Audit",
            [("Asset", false), ("Deposits", true), ("Withdrawals", true), ("Ledger total", true), ("Balanced", false)],
            state.Audit.Select(a => new[]
            {
                a.Asset.ToString(), a.Deposits.ToString(), a.Withdrawals.ToString(), a.LedgerTotal.ToString(), a.Balances ? "yes" : "no",
            }));

        console.WriteLine($"State hash: {state.Hash}");
        if (outcome.Errors.Count > 0)
        {
            var stopped = outcome.StoppedAtLine is { } line ? $"; the run stopped at line {Number(line)} (--on-error stop)" : string.Empty;
            console.WriteLine($"Line errors: {Number(outcome.Errors.Count)} (listed on standard error){stopped}.");
        }

        if (outcome.Faults.Count > 0)
        {
            var stopped = outcome.StoppedAtLine is { } line && outcome.Errors.Count == 0 ? $"; the run stopped at line {Number(line)} (--on-error stop)" : string.Empty;
            console.WriteLine($"Engine faults: {Number(outcome.Faults.Count)} (INTERNAL_ERROR, rolled back; listed on standard error){stopped}.");
        }
    }

    /// <summary>A titled table of <paramref name="rows"/>, or "<paramref name="title"/>: none" when there are none.</summary>
    private static void Section(PlainConsole console, string title, (string Header, bool RightAligned)[] columns, IEnumerable<string[]> rows)
    {
        var table = new Table { Title = new TableTitle(title) };
        foreach (var (header, rightAligned) in columns)
        {
            var column = new TableColumn(new Text(header));
            table.AddColumn(rightAligned ? column.RightAligned() : column);
        }

        foreach (var row in rows)
        {
            // Text, not markup: symbols, reasons and ids are data and must not be read as Spectre style tags.
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        }

        if (table.Rows.Count == 0)
        {
            console.WriteLine($"{title}: none");
            return;
        }

        console.Write(table);
    }

    // One line each, so that the name column is only as wide as its longest part and the figures keep the width.
    private static string PositionName(PositionView position) => $"{position.Account}\n{position.Symbol}\n{position.Scope}";

    private static IEnumerable<string[]> AccountRows(AccountView account)
    {
        var parent = account.Parent?.ToString() ?? string.Empty;
        if (account.Balances.Count == 0)
        {
            return [[account.Id.ToString(), parent, string.Empty, string.Empty]];
        }

        return account.Balances.OrderBy(b => b.Key).Select(b => new[] { account.Id.ToString(), parent, b.Key.ToString(), b.Value.ToString() });
    }

    private static IEnumerable<string[]> PodRows(PodView pod)
    {
        if (pod.Assets.Count == 0)
        {
            return [[pod.Account.ToString(), pod.Name, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty]];
        }

        return pod.Assets.Select(a => new[]
        {
            pod.Account.ToString(), pod.Name, a.Asset.ToString(), a.Collateral.ToString(), a.Equity.ToString(),
            a.InitialMargin.ToString(), a.MaintenanceMargin.ToString(),
        });
    }

    private static string PriceText(Price? price) => price?.ToString() ?? "none";

    private static string Lower(Enum value) => value.ToString().ToLowerInvariant();

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
