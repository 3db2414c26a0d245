using System.Reflection;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Numerics;

/// <summary>
/// A <see cref="Price"/> cannot be added to a <see cref="Quantity"/> (or any value to one of another type): that is a
/// compile-time property — <c>Price.FromWhole(1) + Quantity.FromWhole(1)</c> does not compile — so it needs no runtime
/// test. What is checked here is that nobody opens the door later: every arithmetic and comparison operator of the value
/// types takes operands of its own type only, and no implicit conversion exists between them.
/// </summary>
public sealed class ValueTypeSafetyTests
{
    public static TheoryData<Type> ValueTypes => [typeof(Price), typeof(Quantity), typeof(Money), typeof(Rate), typeof(Leverage)];

    [Theory]
    [MemberData(nameof(ValueTypes))]
    public void Operators_take_operands_of_their_own_type_only(Type type)
    {
        var operators = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(operators);
        Assert.All(operators, op =>
        {
            Assert.NotEqual("op_Implicit", op.Name);
            Assert.NotEqual("op_Explicit", op.Name);
            Assert.All(op.GetParameters(), p => Assert.Equal(type, p.ParameterType));
        });
    }
}
