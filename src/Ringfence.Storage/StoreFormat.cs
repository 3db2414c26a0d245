namespace Ringfence.Storage;

/// <summary>
/// The version of the tables this build reads and writes, recorded in every store it creates (SQLite's
/// <c>user_version</c>, PostgreSQL's <c>store_format</c> table). A store of another version is refused with a clear
/// error instead of being misread; a future format change bumps it and brings a migration.
/// </summary>
internal static class StoreFormat
{
    /// <summary>
    /// The format version of this build: 2, the batch journal (one row per committed batch, commands in their binary
    /// form, one checksum per batch). Version 1 journaled one JSON row per command.
    /// </summary>
    public const int Version = 2;

    /// <summary>The message for a store recorded with another version.</summary>
    public static string Mismatch(string where, long found) => found switch
    {
        > Version => $"{where} has store format version {found}, newer than this build reads ({Version}); use a newer Ringfence",
        1 => $"{where} has store format version 1 (a journal of one JSON row per command), which this build does not read: it "
            + $"journals batches (version {Version}). Replay or export it with the build that wrote it, or start a new store",
        _ => $"{where} has store format version {found}, which this build does not read (it reads version {Version})",
    };
}
