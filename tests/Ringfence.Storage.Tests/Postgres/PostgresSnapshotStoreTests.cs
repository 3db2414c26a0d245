using Ringfence.Storage.Tests.Contract;

namespace Ringfence.Storage.Tests.Postgres;

[RequiresPostgres]
public sealed class PostgresSnapshotStoreTests() : SnapshotStoreContract(new PostgresTestSchema());
