using System.Collections.Concurrent;
using System.Reflection;
using Ringfence.Core.Engine.Commands;

namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// The binary form of one record type, read off the record itself: its public properties in declaration order (for a
/// command, the envelope <c>time</c> and <c>id</c> first), each written by its <see cref="WireValue"/>, after a count of
/// the fields. A record is rebuilt through its primary constructor, then its other settable properties. The count
/// makes the form extensible by appending: data written before a field was added has fewer fields, and the missing
/// ones take the constructor's defaults; data with more fields than this reader knows is refused. So a field may be
/// added at the end of a record, never inserted, reordered or removed (a binary fixture test holds old data to it).
/// </summary>
internal sealed class WireShape
{
    private static readonly ConcurrentDictionary<Type, WireShape?> Shapes = new();

    private readonly Type _type;
    private readonly ConstructorInfo _constructor;
    private readonly Field[] _fields;
    private readonly object?[] _defaults;

    private WireShape(Type type, ConstructorInfo constructor, Field[] fields, object?[] defaults)
    {
        _type = type;
        _constructor = constructor;
        _fields = fields;
        _defaults = defaults;
    }

    /// <summary>The shape of <paramref name="type"/>, or null when one of its fields has no binary form.</summary>
    public static WireShape? For(Type type) => Shapes.GetOrAdd(type, Build);

    public void Write(WireWriter writer, object value)
    {
        writer.Varint((ulong)_fields.Length);
        foreach (var field in _fields)
        {
            field.Value.Write(writer, field.Property.GetValue(value));
        }
    }

    public object Read(ref WireReader reader)
    {
        var count = reader.Count(int.MaxValue, "a field count");
        if (count > _fields.Length)
        {
            throw new WireFormatException($"{_type.Name} was written with {count} fields; this reader knows {_fields.Length} (data from a newer version)");
        }

        var arguments = (object?[])_defaults.Clone();
        var later = new List<(PropertyInfo, object?)>();
        for (var i = 0; i < count; i++)
        {
            var field = _fields[i];
            var value = field.Value.Read(ref reader);
            if (field.Argument >= 0)
            {
                arguments[field.Argument] = value;
            }
            else
            {
                later.Add((field.Property, value));
            }
        }

        try
        {
            var record = _constructor.Invoke(arguments);
            foreach (var (property, value) in later)
            {
                property.SetValue(record, value);
            }

            return record;
        }
        catch (TargetInvocationException refused) when (refused.InnerException is ArgumentException or OverflowException)
        {
            throw new WireFormatException($"{_type.Name} refuses its fields: {refused.InnerException.Message}", refused.InnerException);
        }
    }

    private static WireShape? Build(Type type)
    {
        if (type.IsAbstract || type.IsPrimitive || type == typeof(string) || !type.IsClass)
        {
            return null;
        }

        // The primary constructor: the widest public one, leaving out a record's copy constructor.
        var constructor = type.GetConstructors()
            .Where(c => c.GetParameters().All(p => p.ParameterType != type))
            .MaxBy(c => c.GetParameters().Length);
        if (constructor is null)
        {
            return null;
        }

        var parameters = constructor.GetParameters();
        var fields = new List<Field>();
        foreach (var property in Properties(type))
        {
            var argument = Array.FindIndex(parameters, p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase) && p.ParameterType == property.PropertyType);
            if (argument < 0 && property.SetMethod is not { IsPublic: true })
            {
                // Derived from the others (nothing sets it): not data.
                continue;
            }

            var value = WireValue.For(property.PropertyType);
            if (value is null)
            {
                return null;
            }

            var nullableReference = !property.PropertyType.IsValueType
                && new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;
            fields.Add(new Field(property, nullableReference ? WireValue.OrNull(value) : value, argument));
        }

        if (parameters.Any(p => !fields.Any(f => f.Argument == p.Position)))
        {
            // A constructor argument with no property to read it from.
            return null;
        }

        var defaults = parameters.Select(p => p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
        return new WireShape(type, constructor, [.. fields], defaults);
    }

    /// <summary>A command's envelope first, then each type's own properties, base types before derived ones.</summary>
    private static IEnumerable<PropertyInfo> Properties(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            chain.Push(t);
        }

        foreach (var level in chain)
        {
            foreach (var property in level.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                .OrderBy(p => p.MetadataToken))
            {
                yield return property;
            }
        }
    }

    private sealed record Field(PropertyInfo Property, WireValue Value, int Argument);
}
