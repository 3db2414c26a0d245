namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary>Input that used to make <c>calc position</c> exit 1 with an internal error (issue 9): each is a field error, exit 2.</summary>
public sealed class CalcPositionHostileInputTests
{
    [Theory]
    [InlineData("quantity", "\"1e-2147483648\"", "error: quantity: '1e-2147483648' has an exponent beyond ±100")]
    [InlineData("quantity", "1e-2147483648", "error: quantity: '1e-2147483648' has an exponent beyond ±100")]
    [InlineData("side", "\"\\ud800\"", "error: side: the value is not valid text (an escape such as \\ud800 that is half of a UTF-16 surrogate pair)")]
    [InlineData("side", "\"lo\\u001bng\"", "error: side: unknown value 'lo\\u001bng' (one of: long, short)")]
    [InlineData("\\ud800", "1", "error: input: a field name is not valid text (an escape such as \\ud800 that is half of a UTF-16 surrogate pair)")]
    public void Hostile_values_and_names_are_field_errors(string field, string raw, string expected)
    {
        var run = CliRun.Of(PositionInput.With((field, raw)), "calc", "position");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal(expected, Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void A_taker_fee_beyond_the_okx_limit_is_a_field_error_as_in_listInstrument()
    {
        // Issue 9, case 4: exit 1 with ArgumentOutOfRangeException from the margin model.
        var run = CliRun.Of("""{"profile":"okx","contract":"linear","side":"long","quantity":"1","entryPrice":"20000","leverage":"1","mmr":"0.005","takerFee":"0.995"}""", "calc", "position");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: takerFee: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_given_as_the_input_file_is_named_as_one()
    {
        var run = CliRun.Of(string.Empty, "calc", "position", "--input", Path.GetTempPath());

        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("it is a directory, not a file", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
