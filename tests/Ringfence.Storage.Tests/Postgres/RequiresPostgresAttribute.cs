using Ringfence.Storage.Tests.Contract;

namespace Ringfence.Storage.Tests.Postgres;

/// <summary>
/// On a PostgreSQL contract test class: its inherited tests are skipped where <see cref="PostgresTestSchema.Variable"/>
/// is not set, as <see cref="PostgresFactAttribute"/> tests are.
/// </summary>
public sealed class RequiresPostgresAttribute : StoreRequirementAttribute
{
    /// <inheritdoc />
    public override string? SkipReason => PostgresTestSchema.SkipReason;
}
