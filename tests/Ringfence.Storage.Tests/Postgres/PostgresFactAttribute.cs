namespace Ringfence.Storage.Tests.Postgres;

/// <summary>A test that needs the PostgreSQL of <see cref="PostgresTestSchema.Variable"/>: skipped where it is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Marks the test, skipping it when there is no PostgreSQL to run it on.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresTestSchema.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
