using System.Collections.Concurrent;
using System.Reflection;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Events;

namespace Ringfence.Server.ReadModels;

/// <summary>
/// What an event is about: the instrument it names and the accounts it names (owner, counterparties, the bankrupt side
/// of a deleveraging), read once per event type by reflection, so that the streams, the read models and the
/// liquidation log agree on whose an event is.
/// </summary>
public static class EventSubjects
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> AccountProperties = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> SymbolProperties = new();

    /// <summary>The instrument the event names, or null.</summary>
    public static string? SymbolOf(EngineEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return SymbolProperties.GetOrAdd(@event.GetType(), static type => type.GetProperty("Symbol") is { PropertyType: var t } p && t == typeof(string) ? p : null)?.GetValue(@event) as string;
    }

    /// <summary>The accounts the event names.</summary>
    public static IEnumerable<AccountId> AccountsOf(EngineEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var property in AccountProperties.GetOrAdd(@event.GetType(), static type =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(AccountId) || p.PropertyType == typeof(AccountId?)).ToArray()))
        {
            if (property.GetValue(@event) is AccountId account)
            {
                yield return account;
            }
        }
    }
}
