namespace Ringfence.Server.Auth;

/// <summary>What a key may do (docs/security.md).</summary>
public enum Role
{
    /// <summary>Everything: any command, every account, keys.</summary>
    Admin,

    /// <summary>The venue's matching engine and back office: trades, instruments, deposits; reads every account.</summary>
    Venue,

    /// <summary>The price oracle: mark and index prices, funding.</summary>
    Oracle,

    /// <summary>One trader: its own account and sub-accounts only; another account's ids answer 404.</summary>
    Trader,
}

/// <summary>The roles' names on the wire (<c>admin</c>, <c>venue</c>, <c>oracle</c>, <c>trader</c>).</summary>
public static class RoleNames
{
    /// <summary>The wire name.</summary>
    public static string Of(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Venue => "venue",
        Role.Oracle => "oracle",
        _ => "trader",
    };

    /// <summary>Reads a wire name (exactly as written, lower case).</summary>
    public static bool TryParse(string? text, out Role role)
    {
        (var known, role) = text switch
        {
            "admin" => (true, Role.Admin),
            "venue" => (true, Role.Venue),
            "oracle" => (true, Role.Oracle),
            "trader" => (true, Role.Trader),
            _ => (false, Role.Trader),
        };
        return known;
    }
}
