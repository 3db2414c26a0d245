using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Serialization;

namespace Ringfence.Server.Api;

/// <summary>
/// Reads request bodies with the scenario format's own parser (docs/scenario-format.md), so the API refuses what a
/// scenario file refuses — malformed JSON, duplicate or unknown fields, wrong types, numbers that are not exact
/// decimal strings of at most 8 decimals, NaN — with the same messages, naming the field.
/// </summary>
public static class RequestBody
{
    /// <summary>Reads the body as UTF-8 text, refusing one larger than the server's limit with 413.</summary>
    public static async Task<string> ReadTextAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, "the body is not valid UTF-8");
        }
    }

    /// <summary>Reads the body as one JSON object whose fields the caller then takes (and finally checks with <see cref="JsonFields.RejectUnknown()"/>).</summary>
    public static async Task<JsonFields> ReadObjectAsync(HttpContext context)
    {
        var text = await ReadTextAsync(context).ConfigureAwait(false);
        return Guard(() => JsonFields.Parse(text));
    }

    /// <summary>
    /// Reads the body as the fields of a scenario command of <paramref name="type"/>, the fields the path gives
    /// (<paramref name="fromPath"/>, e.g. the account) added; a body that sends one of those itself is refused.
    /// </summary>
    public static async Task<Command> ReadCommandAsync(HttpContext context, string type, params (string Name, string Value)[] fromPath)
    {
        var text = await ReadTextAsync(context).ConfigureAwait(false);
        return CommandOf(text, type, fromPath);
    }

    /// <summary>The command the body text makes with the path's fields (see <see cref="ReadCommandAsync"/>).</summary>
    public static Command CommandOf(string text, string type, params (string Name, string Value)[] fromPath)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fromPath);
        var fields = Guard(() => JsonFields.Parse(text));
        foreach (var name in fromPath.Select(f => f.Name).Prepend("type"))
        {
            if (fields.Has(name))
            {
                throw ProblemException.InvalidField(name, name == "type" ? "unknown field (the endpoint sets the command type)" : $"unknown field (the {name} comes from the path)");
            }
        }

        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            foreach (var (name, value) in fromPath)
            {
                writer.WriteString(name, value);
            }

            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            foreach (var property in document.RootElement.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        var json = Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
        return Guard(() => CommandJson.Parse(json));
    }

    /// <summary>Runs a parse, turning the parser's error into a 400 problem naming the field.</summary>
    public static T Guard<T>(Func<T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse();
        }
        catch (JsonInputException exception)
        {
            throw exception.Field == "input"
                ? new ProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, exception.Problem)
                : ProblemException.InvalidField(exception.Field, exception.Problem);
        }
    }

    private static ProblemException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, $"the body is larger than {limit} bytes");
}
