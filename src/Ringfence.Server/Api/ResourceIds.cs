using Ringfence.Core.Accounts;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Server.Api;

/// <summary>
/// The API's ids of positions (<c>ACCOUNT~SYMBOL~SCOPE</c>) and pods (<c>ACCOUNT~POD</c>): stable, readable and URL-safe
/// (account ids, symbols and pod names never hold <c>~</c>, <c>/</c> or <c>?</c>).
/// </summary>
public static class ResourceIds
{
    private const char Separator = '~';

    /// <summary>The id of a position.</summary>
    public static string Of(PositionKey key) => $"{key.Account}{Separator}{key.Symbol}{Separator}{key.Scope}";

    /// <summary>The id of a pod.</summary>
    public static string Of(PodKey pod) => $"{pod.Account}{Separator}{pod.Name}";

    /// <summary>Reads a position id; false when it is not one.</summary>
    public static bool TryParsePosition(string? id, out PositionKey key)
    {
        key = default;
        var parts = id?.Split(Separator);
        if (parts is not { Length: 3 } || !AccountId.TryCreate(parts[0], out var account) || parts[1].Length == 0 || !MarginScope.TryParse(parts[2], out var scope))
        {
            return false;
        }

        key = new PositionKey(account, parts[1], scope);
        return true;
    }

    /// <summary>Reads a pod id; false when it is not one.</summary>
    public static bool TryParsePod(string? id, out PodKey pod)
    {
        pod = default;
        var parts = id?.Split(Separator);
        if (parts is not { Length: 2 } || !AccountId.TryCreate(parts[0], out var account) || parts[1].Length == 0)
        {
            return false;
        }

        pod = new PodKey(account, parts[1]);
        return true;
    }
}
