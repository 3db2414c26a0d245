using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ringfence.Storage.Postgres;

/// <summary>
/// Where a PostgreSQL store is: the Npgsql connection string (with the password) and the schema its tables live in,
/// read from a URI (<c>postgresql://user:password@host:port/database?schema=name</c>) or an Npgsql connection string
/// (<c>Host=...;Username=...;Password=...;Database=...;Schema=name</c>, where <c>Schema</c> is Ringfence's keyword, not
/// Npgsql's). Errors never repeat the location, which may hold a password.
/// </summary>
internal sealed partial class PostgresLocation
{
    /// <summary>The schema when the location names none.</summary>
    public const string DefaultSchema = "ringfence";

    private const string SchemaKeyword = "Schema";

    // libpq's URI parameter names, as Npgsql keywords; any other parameter must be an Npgsql keyword itself.
    private static readonly Dictionary<string, string> UriParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
    };

    private PostgresLocation(NpgsqlConnectionStringBuilder builder, string schema)
    {
        if (!Identifier().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a usable PostgreSQL schema name: use letters, digits and underscores (at most 63, not starting with a digit)");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException("the PostgreSQL location names no host");
        }

        builder.ApplicationName ??= "ringfence";
        ConnectionString = builder.ConnectionString;
        Schema = schema;
        // Npgsql connects as the OS user, and to the database named like the user, when the location names neither.
        var user = builder.Username ?? Environment.UserName;
        Description = string.Create(CultureInfo.InvariantCulture, $"PostgreSQL database {builder.Database ?? user} on {builder.Host}:{builder.Port} as {user}, schema {schema}");
    }

    /// <summary>The Npgsql connection string, password included: never show it.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema of the store's tables (unquoted; <see cref="Parse"/> allows only plain identifiers).</summary>
    public string Schema { get; }

    /// <summary>Host, port, database, user and schema, for messages: no password.</summary>
    public string Description { get; }

    /// <summary>
    /// Whether <paramref name="location"/> names a PostgreSQL database rather than a SQLite file: a
    /// <c>postgres://</c> or <c>postgresql://</c> URI, or text that reads as a connection string (see
    /// <see cref="LooksLikeKeywords"/>), valid or not — a mistyped one must be refused, not become a file of that name.
    /// </summary>
    public static bool Recognizes(string location) => IsUri(location) || LooksLikeKeywords(location);

    /// <summary>Reads a URI or an Npgsql connection string.</summary>
    /// <exception cref="ArgumentException">
    /// The location is malformed or has a keyword or parameter Npgsql does not know; the message names it, never a value.
    /// </exception>
    public static PostgresLocation Parse(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return !LooksLikeKeywords(location) && location.Contains("://", StringComparison.Ordinal) ? ParseUri(location) : ParseKeywords(location);
    }

    /// <summary>The same database with the tables in <paramref name="schema"/>.</summary>
    public PostgresLocation WithSchema(string schema) => new(new NpgsqlConnectionStringBuilder(ConnectionString), schema);

    private static bool IsUri(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="location"/> reads as <c>keyword=value;…</c>: it starts with a word and <c>=</c>
    /// (<c>Host=db</c>, <c>Hots=db</c>), or it holds a <c>;</c> and an <c>=</c> and nothing before the first <c>=</c>
    /// is a path (<c>db;Database=risk</c>). A file path puts a separator first (<c>./a=b.db</c>, <c>/data/x;y=z.db</c>).
    /// </summary>
    private static bool LooksLikeKeywords(string location)
    {
        var equals = location.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return false;
        }

        var head = location[..equals];
        return head.IndexOfAny(['/', '\\']) < 0 && (Keyword().IsMatch(head) || location.Contains(';', StringComparison.Ordinal));
    }

    private static PostgresLocation ParseKeywords(string location)
    {
        var keywords = new DbConnectionStringBuilder();
        try
        {
            keywords.ConnectionString = location;
        }
        catch (ArgumentException e)
        {
            // DbConnectionStringBuilder says where the text stops making sense ("… starting at index 12"), not what is there.
            throw new ArgumentException($"the PostgreSQL connection string is malformed ({e.Message.TrimEnd('.')}); expected Host=host;Database=name;Username=user;Password=secret, or write a SQLite file whose name has '=' as ./name", e);
        }

        var schema = DefaultSchema;
        if (keywords.TryGetValue(SchemaKeyword, out var value))
        {
            schema = Convert.ToString(value, CultureInfo.InvariantCulture) ?? DefaultSchema;
            keywords.Remove(SchemaKeyword);
        }

        var known = new NpgsqlConnectionStringBuilder();
        foreach (var keyword in keywords.Keys.Cast<string>())
        {
            if (!known.ContainsKey(keyword))
            {
                throw new ArgumentException($"the PostgreSQL connection string has the keyword '{AsWritten(location, keyword)}', which Npgsql does not know (Host, Port, Database, Username, Password, SSL Mode, Timeout, Options, …; Ringfence adds Schema); a SQLite file whose name has '=' is written ./name");
            }
        }

        try
        {
            return new PostgresLocation(new NpgsqlConnectionStringBuilder(keywords.ConnectionString), schema);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's messages name the keyword and the expected type, not the value (which may be a password).
            throw new ArgumentException($"the PostgreSQL connection string is not valid for Npgsql: {Reason(e)}", e);
        }
    }

    /// <summary>
    /// <paramref name="keyword"/> (which <see cref="DbConnectionStringBuilder"/> gives in lower case) spelled as in
    /// <paramref name="location"/>, so the operator finds the typo they made.
    /// </summary>
    private static string AsWritten(string location, string keyword)
    {
        var written = Regex.Match(location, $@"(?:^|;)\s*({Regex.Escape(keyword)})\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return written.Success ? written.Groups[1].Value : keyword;
    }

    /// <summary>The driver's message without the "(Parameter 'port')" an <see cref="ArgumentException"/> appends.</summary>
    private static string Reason(Exception exception) =>
        exception is ArgumentException { ParamName: { } name }
            ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : exception.Message;

    private static PostgresLocation ParseUri(string location)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new ArgumentException("the PostgreSQL URI is malformed; expected postgresql://user:password@host:port/database?schema=name");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            // Uri keeps an IPv6 address in brackets; Npgsql wants it bare.
            Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host,
        };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var schema = DefaultSchema;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (string.Equals(name, SchemaKeyword, StringComparison.OrdinalIgnoreCase))
            {
                schema = value;
                continue;
            }

            var keyword = UriParameters.GetValueOrDefault(name, name);
            try
            {
                // libpq spells SSL modes with hyphens (verify-full), Npgsql's enum without (VerifyFull).
                builder[keyword] = keyword == "SSL Mode" ? value.Replace("-", "", StringComparison.Ordinal) : value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"the PostgreSQL URI parameter '{name}' is not supported or its value is not valid: {Reason(e)}", e);
            }
        }

        return new PostgresLocation(builder, schema);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();

    /// <summary>An Npgsql keyword's shape: words of letters, maybe with spaces between (<c>SSL Mode</c>), around it blanks.</summary>
    [GeneratedRegex(@"^\s*[A-Za-z][A-Za-z0-9 ]*\s*$")]
    private static partial Regex Keyword();
}
