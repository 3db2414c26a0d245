namespace Ringfence.Storage.Sqlite;

/// <summary>
/// The writer lock of a SQLite store: the file <c>&lt;store&gt;-lock</c> beside it, held open with
/// <see cref="FileShare.None"/> for the writer's life. On Linux and macOS .NET takes that as an exclusive
/// <c>flock</c>, on Windows as a share mode; either way the operating system drops it when the handle is closed or the
/// process dies, so a killed writer never leaves a stale lock. The file itself stays (an empty file): deleting it on
/// release would let a waiting opener lock the deleted file while a third locks a new one.
/// </summary>
internal sealed class SqliteWriterLock : IDisposable
{
    /// <summary>Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION, as an <see cref="Exception.HResult"/>.</summary>
    private const int SharingViolation = unchecked((int)0x80070020);

    private const int LockViolation = unchecked((int)0x80070021);

    private readonly FileStream _file;

    private SqliteWriterLock(FileStream file) => _file = file;

    /// <summary>The lock file of the store at <paramref name="storePath"/> (a full path).</summary>
    public static string PathOf(string storePath) => storePath + "-lock";

    /// <summary>Takes the writer lock of the store at <paramref name="storePath"/>, without waiting.</summary>
    /// <exception cref="StoreInUseException">Another writer holds it.</exception>
    /// <exception cref="StorageException">The lock file cannot be created or opened.</exception>
    public static SqliteWriterLock Take(string storePath, string where)
    {
        var path = PathOf(storePath);
        try
        {
            return new SqliteWriterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw new StoreInUseException($"{where} is in use by another writer, which holds its lock file {path}; one writer at a time: stop the other first (reading beside it is fine)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot open {where}: cannot create or open its lock file {path} ({e.Message})", e);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _file.Dispose();

    // .NET reports a lock held elsewhere as a sharing violation: on Unix with the errno of the refused non-blocking
    // flock (EWOULDBLOCK) as HResult, on Windows with the Win32 error.
    private static bool IsHeldElsewhere(IOException exception) =>
        exception.HResult is SharingViolation or LockViolation
        || (!OperatingSystem.IsWindows() && exception.HResult == (OperatingSystem.IsLinux() ? 11 : 35));
}
