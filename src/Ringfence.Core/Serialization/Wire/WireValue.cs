using System.Reflection;
using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// How one field type is written in the binary wire form: fixed-point values as their exact units (zigzag varint),
/// integers likewise, ids, asset codes, scopes and plain strings as UTF-8 text, enums by member name (so reordering
/// members cannot change what old data means), times as UTC ticks and offset, optional values behind a presence byte,
/// and records of such fields as nested shapes. <see cref="For"/> answers null for any other type: a command holding
/// one is written as its JSON instead.
/// </summary>
internal abstract class WireValue
{
    private static readonly Dictionary<Type, WireValue> Known = new()
    {
        [typeof(Money)] = new Units<Money>(static v => v.Units, Money.FromUnits),
        [typeof(Price)] = new Units<Price>(static v => v.Units, Price.FromUnits),
        [typeof(Quantity)] = new Units<Quantity>(static v => v.Units, Quantity.FromUnits),
        [typeof(Rate)] = new Units<Rate>(static v => v.Units, Rate.FromUnits),
        [typeof(Leverage)] = new Units<Leverage>(static v => v.Units, Leverage.FromUnits),
        [typeof(long)] = new Units<long>(static v => v, static v => v),
        [typeof(int)] = new Units<int>(static v => v, static v => checked((int)v)),
        [typeof(bool)] = new Flag(),
        [typeof(string)] = new Text<string>(static v => v, static t => t),
        [typeof(AccountId)] = new Text<AccountId>(static v => v.Value, static t => AccountId.TryParseRecorded(t, out var id) ? id : throw Invalid("an account id", t)),
        [typeof(Asset)] = new Text<Asset>(static v => v.Code, static t => Asset.TryCreate(t, out var asset) ? asset : throw Invalid("an asset code", t)),
        [typeof(MarginScope)] = new Text<MarginScope>(static v => v.ToString(), static t => MarginScope.TryParse(t, out var scope) ? scope : throw Invalid("a margin scope", t)),
        [typeof(DateTimeOffset)] = new Time(),
    };

    public abstract void Write(WireWriter writer, object? value);

    public abstract object? Read(ref WireReader reader);

    /// <summary>The codec of <paramref name="type"/>, or null when the binary form has none.</summary>
    public static WireValue? For(Type type)
    {
        if (Known.TryGetValue(type, out var known))
        {
            return known;
        }

        if (System.Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return For(underlying) is { } inner ? new Optional(inner) : null;
        }

        if (type.IsEnum)
        {
            return new EnumName(type);
        }

        return WireShape.For(type) is { } shape ? new Nested(shape) : null;
    }

    /// <summary>The codec of a reference-typed field that may hold null (its presence is written first).</summary>
    public static WireValue OrNull(WireValue value) => new Optional(value);

    private static WireFormatException Invalid(string what, string text) => new($"{InputExcerpt.Quote(text)} is not {what}");

    private sealed class Units<T>(Func<T, long> units, Func<long, T> create) : WireValue
    {
        public override void Write(WireWriter writer, object? value) => writer.Signed(units((T)value!));

        public override object? Read(ref WireReader reader)
        {
            var raw = reader.Signed();
            try
            {
                return create(raw);
            }
            catch (OverflowException overflow)
            {
                throw new WireFormatException($"{raw} is out of range for {typeof(T).Name}", overflow);
            }
        }
    }

    private sealed class Flag : WireValue
    {
        public override void Write(WireWriter writer, object? value) => writer.Byte((bool)value! ? (byte)1 : (byte)0);

        public override object? Read(ref WireReader reader) => reader.Byte() switch
        {
            0 => false,
            1 => true,
            var other => throw new WireFormatException($"{other} is not a boolean (0 or 1) at byte {reader.Position - 1}"),
        };
    }

    private sealed class Text<T>(Func<T, string> text, Func<string, T> create) : WireValue
    {
        public override void Write(WireWriter writer, object? value) => writer.Text(text((T)value!));

        public override object? Read(ref WireReader reader) => create(reader.Text());
    }

    private sealed class Time : WireValue
    {
        public override void Write(WireWriter writer, object? value)
        {
            var time = (DateTimeOffset)value!;
            writer.Signed(time.UtcTicks);
            writer.Signed((long)time.Offset.TotalMinutes);
        }

        public override object? Read(ref WireReader reader)
        {
            var ticks = reader.Signed();
            var minutes = reader.Signed();
            try
            {
                var offset = TimeSpan.FromMinutes(minutes);
                return new DateTimeOffset(new DateTime(ticks, DateTimeKind.Utc)).ToOffset(offset);
            }
            catch (ArgumentException invalid)
            {
                throw new WireFormatException($"{ticks} ticks at offset {minutes} min is not a time", invalid);
            }
        }
    }

    private sealed class EnumName(Type type) : WireValue
    {
        public override void Write(WireWriter writer, object? value) => writer.Text(value!.ToString()!);

        public override object? Read(ref WireReader reader)
        {
            var name = reader.Text();
            return Enum.IsDefined(type, name) && !char.IsDigit(name[0])
                ? Enum.Parse(type, name)
                : throw new WireFormatException($"{InputExcerpt.Quote(name)} is not a member of {type.Name}");
        }
    }

    private sealed class Optional(WireValue inner) : WireValue
    {
        public override void Write(WireWriter writer, object? value)
        {
            writer.Byte(value is null ? (byte)0 : (byte)1);
            if (value is not null)
            {
                inner.Write(writer, value);
            }
        }

        public override object? Read(ref WireReader reader) => reader.Byte() switch
        {
            0 => null,
            1 => inner.Read(ref reader),
            var other => throw new WireFormatException($"{other} is not a presence byte (0 or 1) at byte {reader.Position - 1}"),
        };
    }

    private sealed class Nested(WireShape shape) : WireValue
    {
        public override void Write(WireWriter writer, object? value) => shape.Write(writer, value!);

        public override object? Read(ref WireReader reader) => shape.Read(ref reader);
    }
}
