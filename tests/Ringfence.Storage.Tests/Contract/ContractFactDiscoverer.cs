using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// Finds <see cref="ContractFactAttribute"/> tests. A fact's Skip is fixed where the attribute is written — on the
/// abstract contract, shared by every backend — so whether a backend's copy runs is decided here, from the concrete
/// test class's <see cref="StoreRequirementAttribute"/>.
/// </summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var testClass = testMethod.TestClass.Class.ToRuntimeType();
        var skipReason = Attribute.GetCustomAttributes(testClass, typeof(StoreRequirementAttribute), inherit: true)
            .Cast<StoreRequirementAttribute>()
            .Select(requirement => requirement.SkipReason)
            .FirstOrDefault(reason => reason is not null);
        return skipReason is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skipReason);
    }
}
