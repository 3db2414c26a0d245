using Ringfence.Core.Serialization;

namespace Ringfence.Core.Tests.Serialization;

/// <summary>Text that is not valid UTF-16 and control characters: field errors, never a reader's exception (issue 9).</summary>
public sealed class CommandJsonHostileTextTests
{
    [Theory]
    [InlineData("""{"type":"createAccount","account":"\ud800"}""", "account", "the value is not valid text")]
    [InlineData("""{"type":"createAccount","account":"a\udc00b"}""", "account", "the value is not valid text")]
    [InlineData("""{"type":"createAccount","\ud800":"alice"}""", "input", "a field name is not valid text")]
    [InlineData("""{"type":"trade","symbol":"BTCUSDT","price":"1","quantity":"1","buyer":{"account":"\ud800"},"seller":{}}""", "buyer.account", "the value is not valid text")]
    [InlineData("""{"type":"createAccount","account":"a","x":["\ud800"]}""", "x[0]", "the value is not valid text")]
    public void An_escape_that_decodes_to_half_a_surrogate_pair_is_an_error_naming_the_field(string json, string field, string problem)
    {
        var error = Assert.Throws<JsonInputException>(() => CommandJson.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_character_in_the_text_itself_is_an_input_error()
    {
        // Found by the fuzz suite: JsonDocument.Parse(string) threw ArgumentException for a raw lone surrogate.
        var error = Assert.Throws<JsonInputException>(() => CommandJson.Parse("{\"type\":\"createAccount\",\"account\":\"a\uD800\"}"));

        Assert.Equal("input", error.Field);
    }

    [Fact]
    public void Control_characters_of_the_input_are_escaped_in_the_error_and_its_field()
    {
        var error = Assert.Throws<JsonInputException>(() => CommandJson.Parse("""{"type":"createAccount","account":"a\u001b[2J","x\u0007":1}"""));

        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.Contains(@"\u001b[2J", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_with_a_huge_name_is_shortened_in_the_error()
    {
        var name = new string('q', 100_000);

        var error = Assert.Throws<JsonInputException>(() => CommandJson.Parse($$"""{"type":"createAccount","account":"alice","{{name}}":1}"""));

        Assert.Equal(new string('q', InputExcerpt.MaxCharacters) + "…", error.Field);
        Assert.True(error.Message.Length < 400, $"{error.Message.Length} characters");
    }
}
