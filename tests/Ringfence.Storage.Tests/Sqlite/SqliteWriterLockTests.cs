using Ringfence.Storage.Tests.Contract;

namespace Ringfence.Storage.Tests.Sqlite;

public sealed class SqliteWriterLockTests() : WriterLockContract(new SqliteTestFile());
