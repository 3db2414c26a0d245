namespace Ringfence.Server.Api.Endpoints;

/// <summary>The authorization policies endpoints use, by who may call them.</summary>
internal static class Roles
{
    public const string Any = "any", Admin = "admin", AdminOrVenue = "admin-venue", AdminOrOracle = "admin-oracle", Accounts = "accounts", Traders = "traders";

    /// <summary>Registers the policies.</summary>
    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        builder.AddPolicy(Any, p => p.RequireAuthenticatedUser());
        builder.AddPolicy(Admin, p => p.RequireRole("admin"));
        builder.AddPolicy(AdminOrVenue, p => p.RequireRole("admin", "venue"));
        builder.AddPolicy(AdminOrOracle, p => p.RequireRole("admin", "oracle"));
        // Reads of accounts and positions: everyone but the oracle (a trader sees its own).
        builder.AddPolicy(Accounts, p => p.RequireRole("admin", "venue", "trader"));
        // Changes a trader makes to its own account (an admin may make them for anyone).
        builder.AddPolicy(Traders, p => p.RequireRole("admin", "trader"));
    }
}
