using System.Collections.Immutable;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>
/// What the generator remembers while it draws a sequence: each instrument's mark (so that trade prices and mark moves
/// stay near it), its clock (so that times mostly advance), the commands drawn so far (so that some can be re-sent), and
/// the sides of the trades drawn so far (so that margin and pod commands mostly name positions that may exist).
/// </summary>
internal sealed record GenerationState(
    ImmutableDictionary<string, Price> Marks,
    DateTimeOffset Clock,
    ImmutableList<Command> Commands,
    ImmutableList<PositionKey> TradedSides)
{
    public static GenerationState Start(World world) => new(
        world.Listings.ToImmutableDictionary(l => l.Symbol, l => l.OpeningMark, StringComparer.Ordinal),
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        [],
        []);

    /// <summary>The state after <paramref name="command"/> was drawn: a valid mark move moves the remembered mark.</summary>
    public GenerationState After(Command command)
    {
        var marks = command is UpdateMarkPrice { Price.IsPositive: true } move && Marks.ContainsKey(move.Symbol)
            ? Marks.SetItem(move.Symbol, move.Price)
            : Marks;
        var clock = command.Time is { } time && time > Clock ? time : Clock;
        var sides = command is Trade trade
            ? TradedSides.AddRange(new[] { trade.Buyer, trade.Seller }.Select(side => new PositionKey(side.Account, trade.Symbol, side.Scope)).Where(k => !TradedSides.Contains(k)))
            : TradedSides;
        return new(marks, clock, Commands.Add(command), sides);
    }
}
