using System.Text;
using System.Text.RegularExpressions;

namespace Ringfence.Tests.Fuzz;

/// <summary>
/// Turns a valid JSON line into a hostile one, deterministically from a seeded <see cref="Random"/>: byte flips,
/// truncation, huge and malformed numbers, deep nesting, lone surrogates, control characters, duplicate keys, type
/// swaps, missing, unknown and renamed fields. Shared (as a linked source file) by the Core and CLI fuzz suites.
/// </summary>
internal static partial class LineMutator
{
    /// <summary>Numbers every parser of exact decimals must refuse, or read, without crashing or stalling.</summary>
    public static readonly string[] HostileNumbers =
    [
        "1e-2147483648", "1e2147483647", "1e999", "-1e-999", "NaN", "Infinity", "-Infinity", "0x10", "1,5", "1_000",
        "0.000000001", "92233720368.54775808", "-92233720368.54775808", "92233720368.54775807", "-0", "+0", "00000001",
        "1e", "e5", ".", "-", "1.2.3", " 1", "1 ", "1e+", "9e100", "1e-100", "٣", "１",
        new string('9', 65), new string('9', 100_000), "1." + new string('0', 500_000), new string('0', 1_000) + "1",
    ];

    private static readonly string[] HostileTexts =
    [
        "\\ud800", "\\udc00", "a\\ud800b", "\\u0000", "\\u001b[31m", "\u0001", "\\\\", "\\\"", "", " ", "💥", "\\uFFFF",
        new string('x', 100_000), "pod:", "isolated ", "CROSS", "Linear",
    ];

    private static readonly string[] OtherTypes = ["0", "1", "-1", "\"\"", "true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":1}", "\"x\""];

    private static readonly string[] Mutations =
    [
        "FlipCharacter", "Truncate", "HugeNumber", "DeepNesting", "Surrogate",
        "ControlCharacter", "DuplicateKey", "SwapType", "DeleteField", "UnknownField",
        "OtherCommandType", "HostileText",
    ];

    /// <summary>One mutation of <paramref name="line"/>, chosen by <paramref name="random"/>; its name in <paramref name="kind"/>.</summary>
    public static string Mutate(string line, Random random, out string kind)
    {
        kind = Mutations[random.Next(Mutations.Length)];
        return kind switch
        {
            "FlipCharacter" => FlipCharacter(line, random),
            "Truncate" => Truncate(line, random),
            "HugeNumber" => ReplaceValue(line, random, $"\"{Pick(HostileNumbers, random)}\"", numbersToo: true),
            "DeepNesting" => ReplaceValue(line, random, DeepNesting(random), numbersToo: true),
            "Surrogate" => InsertIntoString(line, random, Pick(["\\ud800", "\\udc00", "\\udfff\\ud800"], random)),
            "ControlCharacter" => InsertIntoString(line, random, Pick(["\\u001b", "\\u0007", "\\u0000", "\u0001", "\t", "\\r\\n"], random)),
            "DuplicateKey" => DuplicateKey(line, random),
            "SwapType" => ReplaceValue(line, random, Pick(OtherTypes, random), numbersToo: true),
            "DeleteField" => DeleteField(line, random),
            "UnknownField" => line.Length > 1 ? line[..^1] + ",\"zz\u00e9\":1}" : line,
            "OtherCommandType" => TypeValue().Replace(line, $"\"type\":\"{Pick(CommandTypes, random)}\"", 1),
            _ => ReplaceValue(line, random, $"\"{Pick(HostileTexts, random)}\"", numbersToo: false),
        };
    }

    /// <summary>The scenario format's command types (docs/scenario-format.md), for swapping one for another.</summary>
    public static readonly string[] CommandTypes =
    [
        "createAccount", "deposit", "withdraw", "transfer", "listInstrument", "markPrice", "trade", "addMargin", "removeMargin",
        "setLeverage", "setAutoTopUp", "createPod", "fundPod", "defundPod", "movePositionToPod", "fundingRate", "sweep", "indexPrice",
        "fundingSample", "settleFunding", "liquidationFill", "frobnicate",
    ];

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];

    private static string FlipCharacter(string line, Random random)
    {
        if (line.Length == 0)
        {
            return line;
        }

        var builder = new StringBuilder(line);
        var flips = random.Next(1, 4);
        for (var i = 0; i < flips; i++)
        {
            // A printable ASCII character, a JSON delimiter, a control character or a non-ASCII one.
            builder[random.Next(builder.Length)] = random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7f),
                1 => Pick(['{', '}', '[', ']', '"', ',', ':', '\\'], random),
                2 => (char)random.Next(0, 0x20),
                _ => (char)random.Next(0x80, 0xffff),
            };
        }

        return builder.ToString();
    }

    private static string Truncate(string line, Random random) => line[..random.Next(line.Length)];

    private static string DeepNesting(Random random)
    {
        var depth = Pick([17, 64, 1_000, 100_000], random);
        return random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private static string ReplaceValue(string line, Random random, string replacement, bool numbersToo)
    {
        var values = (numbersToo ? AnyValue() : StringValue()).Matches(line);
        if (values.Count == 0)
        {
            return line;
        }

        var value = values[random.Next(values.Count)].Groups["value"];
        return string.Concat(line.AsSpan(0, value.Index), replacement, line.AsSpan(value.Index + value.Length));
    }

    private static string InsertIntoString(string line, Random random, string text)
    {
        var strings = StringLiteral().Matches(line);
        if (strings.Count == 0)
        {
            return line;
        }

        var literal = strings[random.Next(strings.Count)];
        var at = literal.Index + 1 + random.Next(literal.Length - 1);
        return line.Insert(at, text);
    }

    private static string DuplicateKey(string line, Random random)
    {
        var fields = Field().Matches(line);
        if (fields.Count == 0 || line.Length < 2)
        {
            return line;
        }

        var field = fields[random.Next(fields.Count)].Value;
        return line[..^1] + "," + field + "}";
    }

    private static string DeleteField(string line, Random random)
    {
        var fields = Field().Matches(line);
        if (fields.Count == 0)
        {
            return line;
        }

        var field = fields[random.Next(fields.Count)];
        var result = line.Remove(field.Index, field.Length);
        return result.Replace(",,", ",", StringComparison.Ordinal).Replace("{,", "{", StringComparison.Ordinal).Replace(",}", "}", StringComparison.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(":(?<value>\"(?:[^\"\\\\]|\\\\.)*\")")]
    private static partial Regex StringValue();

    [GeneratedRegex(":(?<value>\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)")]
    private static partial Regex AnyValue();

    // A "name":value pair whose value is a string, a number or a literal (not an object or array).
    [GeneratedRegex("\"[A-Za-z]+\":(?:\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)")]
    private static partial Regex Field();

    [GeneratedRegex("\"type\":\"[A-Za-z]+\"")]
    private static partial Regex TypeValue();
}
