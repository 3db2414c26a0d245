using Ringfence.Core.Engine;

namespace Ringfence.Hosting.Recovery;

/// <summary>An engine rebuilt from a store, with where in the journal it stands.</summary>
/// <param name="Engine">The engine, in the state of the whole journal.</param>
/// <param name="Sequence">The last journal entry its state includes.</param>
/// <param name="JournalChecksum">That entry's checksum, which the next entry continues.</param>
/// <param name="Report">How it was recovered.</param>
public sealed record RecoveredEngine(MarginEngine Engine, long Sequence, string JournalChecksum, RecoveryReport Report);
