using Ringfence.Core.Engine.Events;
using Ringfence.Core.Tests.Engine;

namespace Ringfence.Hosting.Tests;

/// <summary>
/// What the host does when the engine faults: a fault inside a command is the engine's INTERNAL_ERROR rejection,
/// journaled and acknowledged, and the host goes on; a failure of the engine thread itself fails every caller — the
/// one in hand, the queued ones and later ones — at once. Faults are injected through the pod margin model, which only
/// a trade into a pod consults.
/// </summary>
public sealed class EngineHostFaultTests
{
    // Generous, and only a guard against a hang: each await below completes as soon as the host answers.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static readonly string[] Setup =
    [
        """{"type":"createAccount","account":"alice"}""",
        """{"type":"createAccount","account":"mm"}""",
        """{"type":"deposit","account":"alice","asset":"USDT","amount":"10000"}""",
        """{"type":"deposit","account":"mm","asset":"USDT","amount":"1000000"}""",
        """{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.005","maxLeverage":"100"}""",
        """{"type":"markPrice","symbol":"BTCUSDT","price":"20000"}""",
        """{"type":"createPod","account":"alice","pod":"hedge"}""",
        """{"type":"fundPod","account":"alice","pod":"hedge","asset":"USDT","amount":"1500"}""",
    ];

    private const string PodTrade =
        """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"0.5","buyer":{"account":"alice","scope":"pod:hedge","leverage":"20"},"seller":{"account":"mm","scope":"cross"}}""";

    private const string Deposit = """{"type":"deposit","account":"alice","asset":"USDT","amount":"1"}""";

    [Fact]
    public async Task A_fault_in_a_command_is_journaled_and_acknowledged_as_internal_error_and_the_host_goes_on()
    {
        var store = new MemoryStore();
        var model = FaultyPodModel.Throwing();
        await using var host = EngineHost.Start(store, podModel: model);
        await SetUp(host);
        var before = await host.HashAsync();

        var faulted = await host.SubmitAsync(PodTrade).WaitAsync(HangGuard);

        Assert.Equal(RejectionCodes.InternalError, faulted.Result.Rejection?.Code);
        Assert.Equal("InvalidOperationException: injected", faulted.Result.Rejection?.Reason);
        Assert.Equal(before, await host.HashAsync());
        Assert.Equal(1, host.Faults);
        Assert.Equal(MemoryStore.AsJournaled(PodTrade), store.Entries[^1].Command);
        Assert.True((await host.SubmitAsync(Deposit).WaitAsync(HangGuard)).Result.Accepted);
        Assert.Null(host.Failure);
    }

    [Fact]
    public async Task When_the_engine_thread_fails_every_caller_in_hand_queued_or_later_gets_HostFailedException()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var model = new FaultyPodModel(_ =>
        {
            // Hold the engine thread inside the command until the test has queued more behind it.
            entered.TrySetResult();
            release.Wait(HangGuard);
#pragma warning disable CA2201 // The one exception the engine's fault policy lets through: it must stop the host.
            throw new OutOfMemoryException("injected");
#pragma warning restore CA2201
        });
        await using var host = EngineHost.Start(new MemoryStore(), podModel: model);
        await SetUp(host);

        var inHand = await host.QueueAsync(PodTrade);
        await entered.Task.WaitAsync(HangGuard);
        var queued = new[] { await host.QueueAsync(Deposit), await host.QueueAsync(Deposit) };
        var query = host.HashAsync();
        release.Set();

        await Assert.ThrowsAsync<HostFailedException>(() => inHand.WaitAsync(HangGuard));
        foreach (var waiting in queued)
        {
            await Assert.ThrowsAsync<HostFailedException>(() => waiting.WaitAsync(HangGuard));
        }

        await Assert.ThrowsAsync<HostFailedException>(() => query.WaitAsync(HangGuard));
        await Assert.ThrowsAsync<HostFailedException>(() => host.SubmitAsync(Deposit).WaitAsync(HangGuard));
        Assert.IsType<OutOfMemoryException>(host.Failure);
    }

    private static async Task SetUp(EngineHost host)
    {
        foreach (var line in Setup)
        {
            Assert.True((await host.SubmitAsync(line).WaitAsync(HangGuard)).Result.Accepted, line);
        }
    }
}
