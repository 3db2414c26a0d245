using Npgsql;
using Ringfence.Storage.Postgres;

namespace Ringfence.Storage.Tests.Postgres;

public sealed class PostgresLocationTests
{
    [Fact]
    public void Reads_a_uri_with_libpq_parameters_and_a_schema()
    {
        var location = PostgresLocation.Parse("postgresql://alice:p%40ss%3Aword@db.example.com:6543/risk?schema=rf_prod&sslmode=verify-full&application_name=risk-host&connect_timeout=7");
        var settings = new NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal(("db.example.com", 6543, "alice", "p@ss:word", "risk"), (settings.Host, settings.Port, settings.Username, settings.Password, settings.Database));
        Assert.Equal((SslMode.VerifyFull, "risk-host", 7), (settings.SslMode, settings.ApplicationName, settings.Timeout));
        Assert.Equal("rf_prod", location.Schema);
        Assert.Equal("PostgreSQL database risk on db.example.com:6543 as alice, schema rf_prod", location.Description);
    }

    [Fact]
    public void A_short_uri_takes_the_default_port_and_schema()
    {
        var location = PostgresLocation.Parse("postgres://bob@localhost/risk");
        var settings = new NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal(("localhost", 5432, "bob", "risk"), (settings.Host, settings.Port, settings.Username, settings.Database));
        Assert.Equal(PostgresLocation.DefaultSchema, location.Schema);
        Assert.Equal("ringfence", settings.ApplicationName);
    }

    [Fact]
    public void Reads_an_ipv6_host()
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresLocation.Parse("postgresql://u@[::1]:5433/d").ConnectionString);
        Assert.Equal(("::1", 5433), (settings.Host, settings.Port));
    }

    [Fact]
    public void Reads_an_npgsql_connection_string_with_ringfences_schema_keyword()
    {
        var location = PostgresLocation.Parse("Host=db;Username=carol;Password=secret;Database=risk;Schema=rf_blue;Timeout=3");
        var settings = new NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal(("db", "carol", "secret", "risk", 3), (settings.Host, settings.Username, settings.Password, settings.Database, settings.Timeout));
        Assert.Equal("rf_blue", location.Schema);
        Assert.Equal("PostgreSQL database risk on db:5432 as carol, schema rf_blue", location.Description);
        Assert.Equal("rf_other", location.WithSchema("rf_other").Schema);
    }

    [Theory]
    [InlineData("bad-name")]
    [InlineData("1st")]
    [InlineData("quote\"d")]
    [InlineData("a_name_of_sixty_four_characters_which_is_one_more_than_postgres_")]
    public void Refuses_a_schema_that_is_not_a_plain_identifier(string schema)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresLocation.Parse($"Host=db;Schema={schema}"));
        Assert.Contains("not a usable PostgreSQL schema name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://u:secret-4711@db/risk?frobnicate=1", "frobnicate")]
    [InlineData("Host=db;Password=secret-4711;Frobnicate=1", "frobnicate")]
    [InlineData("postgresql://u:secret-4711@/risk", "malformed")]
    [InlineData("Username=u;Password=secret-4711;Database=risk", "names no host")]
    [InlineData("Host=db;Password=secret-4711;Port=x", "not valid")]
    [InlineData("Hots=localhost;Database=x;Password=secret-4711", "has the keyword 'Hots', which Npgsql does not know")]
    [InlineData("Host=localhost;Pasword=secret-4711", "has the keyword 'Pasword', which Npgsql does not know")]
    [InlineData("localhost;Database=x;Password=secret-4711", "has the keyword 'localhost;Database'")]
    [InlineData("Host=db;Password=secret-4711;Schema=bad-name", "not a usable PostgreSQL schema name")]
    public void Says_what_is_wrong_with_a_malformed_location_without_showing_the_password(string location, string says)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresLocation.Parse(location));
        Assert.Contains(says, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret-4711", error.Message, StringComparison.Ordinal);

        // One line for an operator: no "(Parameter 'location')" tail.
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("postgres://db/risk", true)]
    [InlineData("POSTGRESQL://db/risk", true)]
    [InlineData("Host=db;Database=risk", true)]
    [InlineData("host=db", true)]
    [InlineData("Server=db;Database=risk", true)]
    [InlineData("SSL Mode=Require;Host=db", true)]
    [InlineData("Hots=localhost;Database=x", true)]
    [InlineData("Database=x", true)]
    [InlineData("localhost;Database=x", true)]
    [InlineData("a=b.db", true)]
    [InlineData("./a=b.db", false)]
    [InlineData("/data/Host=1/ringfence.db", false)]
    [InlineData("/tmp/a;b=c.db", false)]
    [InlineData("ringfence;1.db", false)]
    [InlineData("ringfence.db", false)]
    [InlineData("/var/lib/ringfence/engine.db", false)]
    [InlineData(@"C:\data\ringfence.db", false)]
    public void Recognizes_uris_and_connection_strings_and_nothing_else(string location, bool postgres) =>
        Assert.Equal(postgres, PostgresLocation.Recognizes(location));
}
