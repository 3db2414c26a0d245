using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// Writes a command as one line of JSON in the scenario format (docs/scenario-format.md) — what
/// <see cref="CommandJson.Parse"/> reads back as the same command. The form comes from the record itself: its
/// <see cref="WireTypeAttribute"/> gives <c>type</c>, its properties in declaration order give the fields (camelCase),
/// numbers are exact decimal strings, ids and scopes their text, enums camelCase, absent optional values omitted, and
/// <c>time</c> and <c>id</c> come last. Only <c>listInstrument</c>, whose wire form is flat, has a converter of its own.
/// A new command needs no change here; the contract tests fail when it lacks a <see cref="WireTypeAttribute"/> or
/// when the parser reads its written form back as anything else.
/// </summary>
public static class CommandWriter
{
    private static readonly ConcurrentDictionary<Type, string> TypeNames = new();

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ShapeCommand } },
        Converters =
        {
            new TextJsonConverter<Money>(static v => v.ToString()),
            new TextJsonConverter<Price>(static v => v.ToString()),
            new TextJsonConverter<Quantity>(static v => v.ToString()),
            new TextJsonConverter<Rate>(static v => v.ToString()),
            new TextJsonConverter<Leverage>(static v => v.ToString()),
            new TextJsonConverter<AccountId>(static v => v.Value),
            new TextJsonConverter<Asset>(static v => v.Code),
            new TextJsonConverter<MarginScope>(static v => v.ToString()),
            new TextJsonConverter<DateTimeOffset>(Time),
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
            new ListingJsonConverter(),
        },
    };

    /// <summary>The command as one line of JSON.</summary>
    /// <exception cref="ArgumentException">The command's type declares no <see cref="WireTypeAttribute"/>.</exception>
    public static string Write(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        TypeOf(command.GetType());
        return JsonSerializer.Serialize(command, command.GetType(), Options);
    }

    /// <summary>Writes the command as one JSON object to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">The command's type declares no <see cref="WireTypeAttribute"/>.</exception>
    public static void Write(Utf8JsonWriter writer, Command command)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(command);
        TypeOf(command.GetType());
        JsonSerializer.Serialize(writer, command, command.GetType(), Options);
    }

    /// <summary>The wire <c>type</c> of a command type.</summary>
    /// <exception cref="ArgumentException"><paramref name="commandType"/> declares no <see cref="WireTypeAttribute"/>.</exception>
    public static string TypeOf(Type commandType)
    {
        ArgumentNullException.ThrowIfNull(commandType);
        return TypeNames.GetOrAdd(commandType, static type => type.GetCustomAttribute<WireTypeAttribute>()?.Name
            ?? throw new ArgumentException($"{type.Name} declares no [WireType]: it has no wire form", nameof(commandType)));
    }

    /// <summary>A time as the writer writes it: UTC, ISO 8601 with seven fractional digits (what the parser accepts).</summary>
    internal static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes the fields every command may carry, <c>time</c> and <c>id</c>, for a converter that writes its own object.</summary>
    internal static void WriteEnvelope(Utf8JsonWriter writer, Command command)
    {
        if (command.Time is { } time)
        {
            writer.WriteString("time", Time(time));
        }

        if (command.ClientId is { } id)
        {
            writer.WriteString("id", id);
        }
    }

    /// <summary>Gives a command type its <c>type</c> field first and its envelope (<c>time</c>, <c>id</c>) last.</summary>
    private static void ShapeCommand(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(Command).IsAssignableFrom(info.Type) || info.Type.IsAbstract)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.Name == "time")
            {
                property.Order = 1;
            }
            else if (property.Name == "clientId")
            {
                property.Name = "id";
                property.Order = 2;
            }
        }

        var name = TypeOf(info.Type);
        var type = info.CreateJsonPropertyInfo(typeof(string), "type");
        type.Get = _ => name;
        type.Order = -1;
        info.Properties.Insert(0, type);
    }
}
