namespace Ringfence.Server.Api;

/// <summary>
/// A request that is answered with a problem (RFC 9457): thrown by an endpoint, turned into the answer by
/// <see cref="ProblemWriter"/>. Nothing has changed when one is thrown.
/// </summary>
public sealed class ProblemException : Exception
{
    public ProblemException()
        : this(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "internal error")
    {
    }

    public ProblemException(string message)
        : this(StatusCodes.Status400BadRequest, ProblemCodes.InvalidField, message)
    {
    }

    public ProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Code = ProblemCodes.InvalidField;
    }

    public ProblemException(int status, string code, string detail, string? field = null)
        : base(detail)
    {
        Status = status;
        Code = code;
        Field = field;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The stable code (<see cref="ProblemCodes"/> or an engine rejection code).</summary>
    public string Code { get; }

    /// <summary>The request field at fault, as a path (<c>buyer.leverage</c>), or null.</summary>
    public string? Field { get; }

    /// <summary>Seconds to wait before retrying (429), or null.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>404 for an id that does not exist or that the key may not see (the two are not told apart).</summary>
    public static ProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"{what} was not found");

    /// <summary>400 for a field: missing, unknown, wrong type or out of range.</summary>
    public static ProblemException InvalidField(string field, string problem) => new(StatusCodes.Status400BadRequest, ProblemCodes.InvalidField, problem, field);
}
