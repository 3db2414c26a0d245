namespace Ringfence.Cli.Calc;

/// <summary>One reported figure: its JSON name, its table label and its value.</summary>
/// <param name="Name">The JSON property name (part of the public contract).</param>
/// <param name="Label">The label in the table.</param>
/// <param name="Value">A decimal string, an <see cref="int"/>, a <see cref="bool"/>, or null.</param>
/// <param name="NullText">What the table shows when <paramref name="Value"/> is null.</param>
internal sealed record ReportField(string Name, string Label, object? Value, string NullText = "none");
