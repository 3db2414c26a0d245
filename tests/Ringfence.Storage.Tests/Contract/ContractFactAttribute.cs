using Xunit.Sdk;

namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// A test of a contract suite, run once per backend's test class; skipped where that class's
/// <see cref="StoreRequirementAttribute"/> says its database is not available (see <see cref="ContractFactDiscoverer"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Ringfence.Storage.Tests.Contract.ContractFactDiscoverer", "Ringfence.Storage.Tests")]
public sealed class ContractFactAttribute : FactAttribute;
