using System.Text.Json;
using Ringfence.Core.Engine.Events;

namespace Ringfence.Server.Api;

/// <summary>
/// Writes RFC 9457 problem details (<c>application/problem+json</c>) with the stable <c>code</c> and, where one field
/// was at fault, <c>field</c>; maps the engine's rejection codes to statuses.
/// </summary>
public static class ProblemWriter
{
    /// <summary>The media type of every error answer.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>The status an engine rejection answers with: unknown ids 404, duplicates 409, a fault 500, the rest 400.</summary>
    public static int StatusOf(string rejectionCode) => rejectionCode switch
    {
        RejectionCodes.UnknownAccount or RejectionCodes.UnknownInstrument or RejectionCodes.UnknownPosition or RejectionCodes.UnknownPod => StatusCodes.Status404NotFound,
        RejectionCodes.DuplicateAccount or RejectionCodes.DuplicateInstrument or RejectionCodes.DuplicatePod => StatusCodes.Status409Conflict,
        RejectionCodes.InternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Writes <paramref name="problem"/> as the response (and <c>Retry-After</c> when it has one).</summary>
    public static async Task WriteAsync(HttpContext context, ProblemException problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        var response = context.Response;
        response.StatusCode = problem.Status;
        response.ContentType = MediaType;
        if (problem.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("type", $"https://ringfence.dev/problems/{problem.Code.ToLowerInvariant().Replace('_', '-')}");
        writer.WriteString("title", TitleOf(problem.Status));
        writer.WriteNumber("status", problem.Status);
        writer.WriteString("detail", problem.Message);
        writer.WriteString("code", problem.Code);
        if (problem.Field is { } field)
        {
            writer.WriteString("field", field);
        }

        writer.WriteString("instance", context.Request.Path.Value);
        writer.WriteEndObject();
        await writer.FlushAsync().ConfigureAwait(false);
    }

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
}
