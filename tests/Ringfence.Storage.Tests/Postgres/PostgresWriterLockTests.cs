using Ringfence.Storage.Tests.Contract;

namespace Ringfence.Storage.Tests.Postgres;

[RequiresPostgres]
public sealed class PostgresWriterLockTests() : WriterLockContract(new PostgresTestSchema());
