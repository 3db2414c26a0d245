using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Tests.Journal;

public sealed class JournalChainTests
{
    [Fact]
    public void Each_checksum_depends_on_the_previous_one_the_sequence_range_and_every_payload_byte()
    {
        byte[] payload = [1, 2, 3, 4];
        var first = JournalChain.Next(JournalChain.Genesis, 1, 4, payload);
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(first, JournalChain.Next(JournalChain.Genesis, 1, 4, payload));
        Assert.NotEqual(first, JournalChain.Next(JournalChain.Genesis, 2, 5, payload));
        Assert.NotEqual(first, JournalChain.Next(JournalChain.Genesis, 1, 3, payload));
        Assert.NotEqual(first, JournalChain.Next(JournalChain.Genesis, 1, 4, [1, 2, 3, 5]));
        Assert.NotEqual(first, JournalChain.Next(JournalChain.Genesis, 1, 4, [1, 2, 3]));
        Assert.NotEqual(JournalChain.Next(first, 5, 5, payload), JournalChain.Next(JournalChain.Genesis, 5, 5, payload));
    }

    [Fact]
    public void A_batch_verifies_only_after_the_checksum_it_was_chained_to()
    {
        var batch = new JournalBatch(1, 1, [7], JournalChain.Next(JournalChain.Genesis, 1, 1, [7]), DateTimeOffset.UnixEpoch);

        Assert.True(JournalChain.Verifies(JournalChain.Genesis, batch));
        Assert.False(JournalChain.Verifies("0", batch));
        Assert.False(JournalChain.Verifies(JournalChain.Genesis, batch with { Payload = [8] }));
    }
}
