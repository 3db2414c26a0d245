namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// The <c>type</c> a command has on the wire (scenario files, the journal, the API): declared once, on the record, and
/// read by the command writer and by the contract tests that hold the parser to it.
/// </summary>
/// <param name="name">The <c>type</c> value, camelCase (docs/scenario-format.md lists them).</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WireTypeAttribute(string name) : Attribute
{
    /// <summary>The <c>type</c> value.</summary>
    public string Name { get; } = name;
}
