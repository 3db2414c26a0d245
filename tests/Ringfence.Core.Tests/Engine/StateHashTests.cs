using System.Security.Cryptography;
using System.Text;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Engine;

public sealed class StateHashTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5_000)]
    public void The_Hash_Is_Sha256_Of_The_Canonical_Text_However_Many_Chunks_It_Is_Hashed_In(int accounts)
    {
        var engine = new MarginEngine();
        for (var i = 0; i < accounts; i++)
        {
            var account = AccountId.Create($"trader-{i}");
            Assert.True(engine.Execute(new CreateAccount(account)).Accepted);
            Assert.True(engine.Execute(new Deposit(account, Asset.Create("USDT"), Money.FromWhole(i + 1))).Accepted);
        }

        var snapshot = engine.TakeSnapshot();
        var text = StateHash.CanonicalText(snapshot);
        Assert.True(accounts < 5_000 || text.Length > 4 * 64 * 1024, $"the canonical text is {text.Length} characters: not several chunks");

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, StateHash.Of(snapshot));
    }
}
