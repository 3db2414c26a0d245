using System.Net;
using System.Text;
using System.Text.Json;

namespace Ringfence.Server.Tests;

/// <summary>Requests and their answers, for tests.</summary>
internal static class Http
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path) => SendAsync(client, HttpMethod.Get, path);

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, string body) => SendAsync(client, HttpMethod.Post, path, body);

    public static string Code(JsonElement problem) => problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var code) ? code.GetString()! : "(no code)";
}
