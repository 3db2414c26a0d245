namespace Ringfence.Storage;

/// <summary>
/// The version of the tables this build reads and writes, recorded in every store it creates (SQLite's
/// <c>user_version</c>, PostgreSQL's <c>store_format</c> table). A store of another version is refused with a clear
/// error instead of being misread; a future format change bumps it and brings a migration.
/// </summary>
internal static class StoreFormat
{
    /// <summary>The format version of this build.</summary>
    public const int Version = 1;

    /// <summary>The message for a store recorded with another version.</summary>
    public static string Mismatch(string where, long found) =>
        found > Version
            ? $"{where} has store format version {found}, newer than this build reads ({Version}); use a newer Ringfence"
            : $"{where} has store format version {found}, which this build does not read (it reads version {Version})";
}
