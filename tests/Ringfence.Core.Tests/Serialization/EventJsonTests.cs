using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ringfence.Core.Serialization;
using Ringfence.Core.Tests.Engine.Generation;
using Ringfence.Core.Tests.Engine.Invariants;

namespace Ringfence.Core.Tests.Serialization;

public sealed class EventJsonTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Every_event_is_written_straight_to_a_writer_as_the_same_text_as_its_json_object() =>
        PropertyCases.Verify(RandomScenarios.ExternalScenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                foreach (var @event in step.Result.Events)
                {
                    var buffer = new ArrayBufferWriter<byte>();
                    using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Relaxed.Encoder }))
                    {
                        EventJson.Write(writer, @event);
                    }

                    Assert.Equal(EventJson.ToJson(@event).ToJsonString(Relaxed), Encoding.UTF8.GetString(buffer.WrittenSpan));
                }
            }
        });
}
