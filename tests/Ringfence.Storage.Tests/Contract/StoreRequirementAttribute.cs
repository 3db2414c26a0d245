namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// Put on a backend's contract test class when its database may be missing: the class's
/// <see cref="ContractFactAttribute"/> tests are reported as skipped, with <see cref="SkipReason"/>, when it is.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class StoreRequirementAttribute : Attribute
{
    /// <summary>Why the tests cannot run here, or null when they can.</summary>
    public abstract string? SkipReason { get; }
}
