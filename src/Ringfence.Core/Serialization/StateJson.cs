using System.Text.Json.Nodes;
using Ringfence.Core.Engine.Views;

namespace Ringfence.Core.Serialization;

/// <summary>
/// Writes the engine's read model as the <c>state</c> object of docs/scenario-format.md: <c>accounts</c>,
/// <c>positions</c>, <c>pods</c>, <c>insuranceFund</c>, <c>audit</c> and <c>hash</c>.
/// </summary>
public static class StateJson
{
    /// <summary>The JSON object of <paramref name="view"/>.</summary>
    public static JsonObject ToJson(EngineView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var accounts = new JsonObject();
        foreach (var account in view.Accounts)
        {
            var balances = new JsonObject();
            foreach (var (asset, amount) in account.Balances.OrderBy(b => b.Key))
            {
                balances[asset.Code] = JsonValues.From(amount);
            }

            accounts[account.Id.Value] = new JsonObject { ["parent"] = JsonValues.From(account.Parent), ["balances"] = balances };
        }

        var positions = new JsonArray();
        foreach (var p in view.Positions)
        {
            positions.Add(new JsonObject
            {
                ["account"] = JsonValues.From(p.Account),
                ["symbol"] = p.Symbol,
                ["scope"] = JsonValues.From(p.Scope),
                ["side"] = JsonValues.From(p.Side),
                ["quantity"] = JsonValues.From(p.Quantity),
                ["entryPrice"] = JsonValues.From(p.EntryPrice),
                ["leverage"] = JsonValues.From(p.Leverage),
                ["margin"] = JsonValues.From(p.Margin),
                ["asset"] = JsonValues.From(p.Asset),
                ["markPrice"] = JsonValues.From(p.MarkPrice),
                ["unrealizedPnl"] = JsonValues.From(p.UnrealizedPnl),
                ["maintenanceMargin"] = JsonValues.From(p.MaintenanceMargin),
                ["liquidationPrice"] = JsonValues.From(p.LiquidationPrice),
                ["bankruptcyPrice"] = JsonValues.From(p.BankruptcyPrice),
                ["adlRank"] = p.AdlRank,
                ["autoTopUp"] = new JsonObject
                {
                    ["enabled"] = p.TopUp.Enabled,
                    ["cap"] = JsonValues.From(p.TopUp.Cap),
                    ["used"] = JsonValues.From(p.TopUp.Used),
                },
            });
        }

        var pods = new JsonArray();
        foreach (var pod in view.Pods)
        {
            var assets = new JsonObject();
            foreach (var asset in pod.Assets)
            {
                assets[asset.Asset.Code] = new JsonObject
                {
                    ["collateral"] = JsonValues.From(asset.Collateral),
                    ["equity"] = JsonValues.From(asset.Equity),
                    ["initialMargin"] = JsonValues.From(asset.InitialMargin),
                    ["maintenanceMargin"] = JsonValues.From(asset.MaintenanceMargin),
                };
            }

            pods.Add(new JsonObject { ["account"] = JsonValues.From(pod.Account), ["pod"] = pod.Name, ["assets"] = assets });
        }

        var funds = new JsonObject();
        foreach (var (symbol, amount) in view.InsuranceFunds.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            funds[symbol] = JsonValues.From(amount);
        }

        var history = new JsonObject();
        foreach (var (symbol, entries) in view.InsuranceFundHistory.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var list = new JsonArray();
            foreach (var entry in entries)
            {
                list.Add(new JsonObject { ["change"] = JsonValues.From(entry.Change), ["balance"] = JsonValues.From(entry.Balance), ["reason"] = entry.Reason });
            }

            history[symbol] = list;
        }

        var audit = new JsonObject();
        foreach (var asset in view.Audit)
        {
            audit[asset.Asset.Code] = new JsonObject
            {
                ["deposits"] = JsonValues.From(asset.Deposits),
                ["withdrawals"] = JsonValues.From(asset.Withdrawals),
                ["ledgerTotal"] = JsonValues.From(asset.LedgerTotal),
                ["balanced"] = asset.Balances,
            };
        }

        return new JsonObject
        {
            ["accounts"] = accounts,
            ["positions"] = positions,
            ["pods"] = pods,
            ["insuranceFund"] = funds,
            ["insuranceFundHistory"] = history,
            ["audit"] = audit,
            ["hash"] = view.Hash,
        };
    }
}
