using System.Text;

namespace Ringfence.Cli.Tests;

/// <summary>Builds <c>calc position</c> input documents from a valid base by changing, adding or removing fields.</summary>
internal static class PositionInput
{
    /// <summary>A valid linear long with a flat table: 1 @ 100, 10×, MMR 1%.</summary>
    public static readonly IReadOnlyList<(string Field, string Raw)> Base =
    [
        ("contract", "\"linear\""), ("side", "\"long\""), ("quantity", "\"1\""), ("entryPrice", "\"100\""),
        ("leverage", "\"10\""), ("mmr", "\"0.01\""),
    ];

    /// <summary>
    /// The base with each change applied: <c>("quantity", "0")</c> sets a raw JSON value (replacing or adding),
    /// <c>("quantity", null)</c> removes the field.
    /// </summary>
    public static string With(params (string Field, string? Raw)[] changes)
    {
        var fields = Base.Select(f => (f.Field, (string?)f.Raw)).ToList();
        foreach (var (field, raw) in changes)
        {
            var index = fields.FindIndex(f => f.Field == field);
            if (index >= 0)
            {
                fields[index] = (field, raw);
            }
            else
            {
                fields.Add((field, raw));
            }
        }

        return Object(fields.Where(f => f.Item2 is not null).Select(f => (f.Field, f.Item2!)));
    }

    /// <summary>A JSON object of the given raw values, in order.</summary>
    public static string Object(IEnumerable<(string Field, string Raw)> fields)
    {
        var text = new StringBuilder("{");
        foreach (var (field, raw) in fields)
        {
            text.Append(text.Length > 1 ? ", " : string.Empty).Append('"').Append(field).Append("\": ").Append(raw);
        }

        return text.Append('}').ToString();
    }
}
