namespace Ringfence.Cli;

/// <summary>The input was rejected; names the field at fault so the message can point at it.</summary>
internal sealed class InputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The field path, e.g. <c>quantity</c> or <c>tiers[1].maintenanceAmount</c>; <c>input</c> for the document as a whole.</param>
    /// <param name="message">What is wrong, in words.</param>
    public InputException(string field, string message)
        : base(message) => Field = field;

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public InputException(string field, string message, Exception innerException)
        : base(message, innerException) => Field = field;

    /// <summary>The field path the message is about.</summary>
    public string Field { get; }
}
