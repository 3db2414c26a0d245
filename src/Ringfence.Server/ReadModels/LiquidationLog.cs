using System.Globalization;
using System.Text.Json.Nodes;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Serialization;
using Ringfence.Hosting.Feed;

namespace Ringfence.Server.ReadModels;

/// <summary>
/// Every step of the liquidation waterfall since the server started, as it happened (top-ups, liquidations started,
/// partial and full closes, bankruptcy gaps, deleveraging, the backstop), newest first, up to a bounded number of
/// steps; fed from committed results only. Each step's <c>id</c> is <c>SEQUENCE-INDEX</c> (zero-padded, so ids sort
/// like the steps).
/// </summary>
public sealed class LiquidationLog(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Step> _steps = [];

    /// <summary>Records the liquidation steps among one committed result's events.</summary>
    public void Add(CommittedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Result.Accepted)
        {
            return;
        }

        var index = 0;
        foreach (var @event in result.Result.Events)
        {
            index++;
            if (@event is not (LiquidationStarted or PositionLiquidated or BankruptcyGapCovered or AutoDeleveraged or BackstopAbsorbed or MarginToppedUp or LiquidationOrderIssued or LiquidationCancelled))
            {
                continue;
            }

            var symbol = EventSubjects.SymbolOf(@event);
            var step = new Step(string.Create(CultureInfo.InvariantCulture, $"{result.Sequence:D12}-{index:D3}"), result.Sequence, result.Command.Time, symbol, [.. EventSubjects.AccountsOf(@event).Select(a => a.Value)], @event);
            lock (_gate)
            {
                _steps.AddFirst(step);
                if (_steps.Count > capacity)
                {
                    _steps.RemoveLast();
                }
            }
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> steps older than <paramref name="cursor"/> (a previous page's <c>next</c>), newest
    /// first, of <paramref name="symbol"/> and naming one of <paramref name="accounts"/> (null: any).
    /// </summary>
    public Api.Resources.Page<JsonObject> Page(string? symbol, IReadOnlySet<string>? accounts, int limit, string? cursor)
    {
        var items = new List<JsonObject>();
        string? last = null;
        var more = false;
        lock (_gate)
        {
            foreach (var step in _steps)
            {
                if ((cursor is not null && string.CompareOrdinal(step.Id, cursor) >= 0) || (symbol is not null && step.Symbol != symbol) || (accounts is not null && !step.Accounts.Any(accounts.Contains)))
                {
                    continue;
                }

                if (items.Count == limit)
                {
                    more = true;
                    break;
                }

                items.Add(step.ToJson());
                last = step.Id;
            }
        }

        return new Api.Resources.Page<JsonObject>(items, more ? last : null);
    }

    private sealed record Step(string Id, long Sequence, DateTimeOffset? Time, string? Symbol, string[] Accounts, EngineEvent Event)
    {
        public JsonObject ToJson()
        {
            var json = new JsonObject
            {
                ["id"] = Id,
                ["sequence"] = Sequence,
                ["time"] = Time?.ToString("O", CultureInfo.InvariantCulture),
            };
            foreach (var (name, value) in EventJson.ToJson(Event))
            {
                json[name] = value?.DeepClone();
            }

            return json;
        }
    }
}
