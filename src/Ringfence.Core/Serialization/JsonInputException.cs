namespace Ringfence.Core.Serialization;

/// <summary>Input that is not what the format allows; names the field at fault (e.g. <c>buyer.leverage</c>).</summary>
public sealed class JsonInputException : FormatException
{
    /// <summary>
    /// Creates the exception. Control characters in either part are escaped, and a field path longer than
    /// <see cref="InputExcerpt.MaxCharacters"/> is shortened: an unknown field's name is whatever the input sent.
    /// </summary>
    public JsonInputException(string field, string problem)
        : base($"{Shown(field)}: {InputExcerpt.Escape(problem)}")
    {
        Field = Shown(field);
        Problem = InputExcerpt.Escape(problem);
    }

    /// <summary>The field at fault, as a path; <c>input</c> when the text is not JSON at all.</summary>
    public string Field { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    private static string Shown(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var escaped = InputExcerpt.Escape(field);
        return escaped.Length <= InputExcerpt.MaxCharacters ? escaped : $"{escaped[..InputExcerpt.MaxCharacters]}…";
    }
}
