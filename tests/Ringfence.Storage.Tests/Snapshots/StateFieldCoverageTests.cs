using System.Reflection;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Tests.Snapshots;

/// <summary>
/// Every field of the state's records reaches both the state hash and the snapshot codec: in a rich state, each
/// settable property of a position (its top-up included), an account, a market's changing values, an asset's flows,
/// an insurance fund entry and the snapshot's own values is changed alone, and the change must move the hash and come
/// back from an encode and decode. A field added to one of these records and left out of either fails here by name.
/// </summary>
public sealed class StateFieldCoverageTests
{
    // Fields every run must change, so that a mutation helper that silently skipped them could not pass.
    private static readonly string[] Expected =
    [
        "Position.Side", "Position.Quantity", "Position.EntryPrice", "Position.Leverage", "Position.TopUp.Enabled", "Position.TopUp.Cap",
        "Position.TopUp.Used", "Position.InLiquidation", "Account.Parent", "Market.Mark", "Market.Index", "Market.LastFundingRate",
        "Market.Execution", "AssetFlows.Deposits", "AssetFlows.Withdrawals", "InsuranceFundEntry.Change", "InsuranceFundEntry.Balance",
        "InsuranceFundEntry.Reason", "Snapshot.LastTime", "Snapshot.IdempotencyWindow",
    ];

    [Fact]
    public void Each_field_of_the_state_changes_the_hash_and_survives_the_snapshot_codec()
    {
        var engine = new MarginEngine();
        foreach (var command in SnapshotCodecScenarioTests.Parse(SnapshotCodecScenarioTests.Features))
        {
            engine.Execute(command);
        }

        var state = engine.TakeSnapshot();
        var hash = StateHash.Of(state);
        Assert.True(StateHash.Of(SnapshotCodec.Decode(SnapshotCodec.Encode(state))) == hash, "the snapshot codec loses part of the unchanged state");
        var changed = new List<string>();
        foreach (var (field, mutated) in Mutations(state))
        {
            var mutatedHash = StateHash.Of(mutated);
            Assert.True(mutatedHash != hash, $"the state hash leaves out {field}");
            Assert.True(StateHash.Of(SnapshotCodec.Decode(SnapshotCodec.Encode(mutated))) == mutatedHash, $"the snapshot codec loses {field}");
            changed.Add(field);
        }

        Assert.All(Expected, field => Assert.Contains(field, changed));
    }

    private static IEnumerable<(string Field, EngineSnapshot State)> Mutations(EngineSnapshot state)
    {
        var position = state.Positions.First(p => p.TopUp.Enabled);
        foreach (var (field, changed) in Changes(position, "Position"))
        {
            yield return (field, state with { Positions = [.. state.Positions.Select(p => p == position ? changed : p)] });
        }

        var account = state.Accounts.First(a => a.Parent is not null);
        foreach (var (field, changed) in Changes(account, "Account"))
        {
            yield return (field, state with { Accounts = [.. state.Accounts.Select(a => a == account ? changed : a)] });
        }

        var market = state.Markets.First(m => m.Index is not null);
        foreach (var name in new[] { nameof(Market.Mark), nameof(Market.Index), nameof(Market.LastFundingRate), nameof(Market.Execution) })
        {
            var changed = Change(market, typeof(Market).GetProperty(name)!);
            yield return ($"Market.{name}", state with { Markets = [.. state.Markets.Select(m => m == market ? changed : m)] });
        }

        foreach (var (field, changed) in Changes(state.Flows[0], "AssetFlows"))
        {
            yield return (field, state with { Flows = [changed, .. state.Flows.Skip(1)] });
        }

        var fund = state.InsuranceFundHistory.First(f => f.Value.Count > 0);
        foreach (var (field, changed) in Changes(fund.Value[0], "InsuranceFundEntry"))
        {
            var history = state.InsuranceFundHistory.Select(f => f.Key == fund.Key ? new KeyValuePair<string, IReadOnlyList<InsuranceFundEntry>>(f.Key, [changed, .. f.Value.Skip(1)]) : f);
            yield return (field, state with { InsuranceFundHistory = [.. history] });
        }

        yield return ("Snapshot.LastTime", state with { LastTime = state.LastTime!.Value.AddTicks(1) });
        yield return ("Snapshot.IdempotencyWindow", state with { IdempotencyWindow = state.IdempotencyWindow + 1 });
    }

    /// <summary>The record with each settable property changed alone (a nested record's own properties each too); keys and ids stay.</summary>
    private static IEnumerable<(string Field, T Record)> Changes<T>(T record, string path)
        where T : class
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.PropertyType == typeof(PositionKey) || property.Name is "Id" or "Asset")
            {
                continue;
            }

            if (property.PropertyType == typeof(AutoTopUp))
            {
                foreach (var (field, inner) in Changes((AutoTopUp)property.GetValue(record)!, $"{path}.{property.Name}"))
                {
                    yield return (field, With(record, property, inner));
                }

                continue;
            }

            yield return ($"{path}.{property.Name}", Change(record, property));
        }
    }

    private static T Change<T>(T record, PropertyInfo property)
        where T : class => With(record, property, Changed(property.PropertyType, property.GetValue(record)));

    private static T With<T>(T record, PropertyInfo property, object? value)
        where T : class
    {
        var copy = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(record, null)!;
        property.SetValue(copy, value);
        return copy;
    }

    /// <summary>Another valid value of the same type: one unit more, the other flag, the next member, a longer text.</summary>
    private static object Changed(Type type, object? value) => (System.Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(Money) => Money.FromUnits(((Money?)value ?? Money.Zero).Units + 1),
        var t when t == typeof(Price) => Price.FromUnits(((Price?)value ?? Price.FromWhole(1)).Units + 1),
        var t when t == typeof(Quantity) => Quantity.FromUnits(((Quantity)value!).Units + 1),
        var t when t == typeof(Rate) => Rate.FromUnits(((Rate?)value ?? Rate.Zero).Units + 1),
        var t when t == typeof(Leverage) => Leverage.FromUnits(((Leverage)value!).Units + 1),
        var t when t == typeof(bool) => !(bool)value!,
        var t when t == typeof(string) => (string)value! + "x",
        var t when t == typeof(AccountId) => AccountId.Create("someone-else"),
        var t when t.IsEnum => Enum.GetValues(t).Cast<object>().First(v => !v.Equals(value)),
        var t => throw new InvalidOperationException($"no change of a {t.Name} is defined: add one so the field is covered"),
    };
}
