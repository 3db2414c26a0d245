namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// What the store contracts share: a fresh database from an <see cref="IStoreTarget"/> for each test, removed after it.
/// </summary>
public abstract class StoreContract : IDisposable
{
    /// <summary>The page size (batches per query) of the stores the tests open unless they test paging.</summary>
    protected const int PageSize = 256;

    /// <summary>Runs the contract on a fresh database from <paramref name="target"/>, removed after the test.</summary>
    protected StoreContract(IStoreTarget target) => Target = target;

    /// <summary>The database under test.</summary>
    protected IStoreTarget Target { get; }

    /// <summary>Asserts that <paramref name="store"/>'s journal holds exactly <paramref name="batches"/>.</summary>
    protected static void AssertHolds(IEngineStore store, Ringfence.Storage.Journal.JournalBatch[] batches)
    {
        ArgumentNullException.ThrowIfNull(store);
        Assert.Equal(batches.Length == 0 ? 0 : batches[^1].LastSequence, store.Journal.LastSequence);
        Assert.Equal(batches, store.Journal.ReadAfter(0));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes this test's database.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Target.Dispose();
        }
    }
}
