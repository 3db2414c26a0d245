using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Tests.Journal;

public sealed class JournalChainTests
{
    [Fact]
    public void Each_checksum_depends_on_the_previous_one_the_sequence_and_the_command()
    {
        var first = JournalChain.Next(JournalChain.Genesis, 1, """{"type":"createAccount","account":"a"}""");
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(first, JournalChain.Next(JournalChain.Genesis, 1, """{"type":"createAccount","account":"a"}"""));
        Assert.NotEqual(first, JournalChain.Next(JournalChain.Genesis, 2, """{"type":"createAccount","account":"a"}"""));
        Assert.NotEqual(first, JournalChain.Next(JournalChain.Genesis, 1, """{"type":"createAccount","account":"b"}"""));
        Assert.NotEqual(JournalChain.Next(first, 2, "x"), JournalChain.Next(JournalChain.Genesis, 2, "x"));
    }
}
