using Ringfence.Core.Accounts;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>
/// The cast of a random scenario: its accounts (the second is a sub-account of the first) and its instruments. Commands
/// pick their accounts, symbols and pods from here, and sometimes a name that does not exist.
/// </summary>
internal sealed record World(IReadOnlyList<AccountId> Accounts, IReadOnlyList<Listing> Listings)
{
    /// <summary>Pod names commands choose from; pods exist only once a createPod for them was accepted.</summary>
    public static IReadOnlyList<string> PodNames { get; } = ["hedge", "basis"];

    /// <summary>An account no command creates.</summary>
    public static AccountId Stranger { get; } = AccountId.Create("stranger");

    /// <summary>A symbol nothing lists.</summary>
    public const string UnlistedSymbol = "DOGEUSDT";

    public AccountId Parent => Accounts[0];

    public AccountId SubAccount => Accounts[1];

    /// <summary>The settle assets of the listings, in a stable order.</summary>
    public IReadOnlyList<Asset> Assets { get; } = Listings.Select(l => l.SettleAsset).Distinct().Order().ToList();

    public override string ToString() =>
        $"accounts {string.Join(", ", Accounts)} ({SubAccount} under {Parent}); " + string.Join("; ", Listings);
}
