using System.Reflection;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Instruments;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Storage.Snapshots;
using Ringfence.Storage.Snapshots.Json;

namespace Ringfence.Storage.Tests.Snapshots.Json;

/// <summary>
/// Every event type of Core has a mapping, and each field comes back: each type is built with a distinct value in every
/// field (so that a field left out or two fields swapped shows), stored as a remembered outcome, and decoded.
/// </summary>
public sealed class EventMappingTests
{
    private static readonly IReadOnlyList<Type> EventTypes = typeof(EngineEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(EngineEvent)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void Every_event_type_of_the_engine_has_a_mapping() =>
        Assert.Equal(EventTypes.Select(t => t.Name), EventMapping.Known.Select(t => t.Name).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_event_type_comes_back_with_every_field(bool optionalFieldsPresent)
    {
        var events = EventTypes.Select(t => Build(t, optionalFieldsPresent)).ToList();
        var postings = new List<Posting>
        {
            new(null, LedgerAccount.Free(AccountId.Create("alice"), Asset.Create("USDT")), Money.Parse("10.5")),
            new(LedgerAccount.PositionMargin(new PositionKey(AccountId.Create("alice"), "BTCUSDT", MarginScope.InPod("hedge")), Asset.Create("BTC")), null, Money.Parse("0.00000001")),
            new(LedgerAccount.FeePool(Asset.Create("USDT")), LedgerAccount.Backstop(Asset.Create("USDT")), Money.Parse("-3")),
        };
        var snapshot = new EngineSnapshot([], [], [], [], [], [], [new("everything", new ExecutionResult(true, events, postings, Duplicate: true))], null, []);

        var outcome = Assert.Single(SnapshotCodec.Decode(SnapshotCodec.Encode(snapshot)).Outcomes);

        Assert.Equal("everything", outcome.Key);
        Assert.True(outcome.Value.Accepted);
        Assert.True(outcome.Value.Duplicate);
        Assert.Equal(events, outcome.Value.Events);
        Assert.Equal(postings, outcome.Value.Postings);
    }

    [Fact]
    public void An_event_type_without_a_mapping_cannot_be_encoded()
    {
        var snapshot = new EngineSnapshot([], [], [], [], [], [], [new("c1", new ExecutionResult(true, [new UnmappedEvent("x")], []))], null, []);

        var refused = Assert.Throws<NotSupportedException>(() => SnapshotCodec.Encode(snapshot));

        Assert.Contains(nameof(UnmappedEvent), refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(EventMapping), refused.Message, StringComparison.Ordinal);
    }

    /// <summary>An instance of <paramref name="type"/> whose every constructor argument is distinct from the others.</summary>
    private static EngineEvent Build(Type type, bool optionalFieldsPresent)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single();
        var arguments = constructor.GetParameters()
            .Select((p, i) => Sample(type, p, i + (3 * type.Name.Length), optionalFieldsPresent))
            .ToArray();
        return (EngineEvent)constructor.Invoke(arguments);
    }

    private static object? Sample(Type owner, ParameterInfo parameter, int seed, bool optionalFieldsPresent)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType);
        if (type is not null && !optionalFieldsPresent)
        {
            return null;
        }

        type ??= parameter.ParameterType;
        var units = (seed * 1_000_003L) + 17;
        return type switch
        {
            _ when type == typeof(string) => $"{parameter.Name} {seed}: \"quoted\", ± × ≤ \\ /\n",
            _ when type == typeof(int) => seed,
            _ when type == typeof(bool) => seed % 2 == 0,
            _ when type == typeof(AccountId) => AccountId.Create($"account.{seed}"),
            _ when type == typeof(Asset) => Asset.Create($"A{seed}"),
            _ when type == typeof(Money) => Money.FromUnits(-units),
            _ when type == typeof(Price) => Price.FromUnits(units),
            _ when type == typeof(Quantity) => Quantity.FromUnits(units + 1),
            _ when type == typeof(Rate) => Rate.FromUnits(-units - 2),
            _ when type == typeof(Leverage) => Leverage.FromUnits(units + 3),
            _ when type == typeof(MarginScope) => (seed % 3) switch { 0 => MarginScope.Isolated, 1 => MarginScope.Cross, _ => MarginScope.InPod($"pod{seed}") },
            _ when type == typeof(PositionSide) => seed % 2 == 0 ? PositionSide.Long : PositionSide.Short,
            _ when type == typeof(ContractType) => seed % 2 == 0 ? ContractType.Linear : ContractType.Inverse,
            _ => throw new InvalidOperationException($"{owner.Name}.{parameter.Name} is a {type.Name}: give this test a sample of it."),
        };
    }

    private sealed record UnmappedEvent(string What) : EngineEvent;
}
