using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Views;

/// <summary>An account's free balances by asset.</summary>
public sealed record AccountView(AccountId Id, AccountId? Parent, IReadOnlyDictionary<Asset, Money> Balances);
