namespace Ringfence.Core.Serialization;

/// <summary>Input that is not what the format allows; names the field at fault (e.g. <c>buyer.leverage</c>).</summary>
public sealed class JsonInputException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JsonInputException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The field at fault, as a path; <c>input</c> when the text is not JSON at all.</summary>
    public string Field { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
