using System.Text;
using Ringfence.Core.Engine.Commands;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>
/// A random scenario: the set-up that creates, funds and lists its <see cref="World"/>, then a sequence of random
/// commands, valid and invalid, and a point at which the determinism property takes a snapshot.
/// </summary>
/// <param name="World">Accounts and instruments.</param>
/// <param name="Setup">Accounts, deposits, listings and opening marks (all valid), perhaps a first liquidation seeding an insurance fund.</param>
/// <param name="Steps">The random commands.</param>
/// <param name="SnapshotAt">How many commands of <see cref="Commands"/> run before the snapshot.</param>
internal sealed record Scenario(World World, IReadOnlyList<Command> Setup, IReadOnlyList<Command> Steps, int SnapshotAt)
{
    /// <summary>Set-up and steps, in order.</summary>
    public IReadOnlyList<Command> Commands { get; } = [.. Setup, .. Steps];

    /// <summary>One command a line, numbered as the properties number them, so that a counter-example can be replayed.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(World).Append('\n');
        var commands = Commands;
        for (var i = 0; i < commands.Count; i++)
        {
            text.Append("  #").Append(i).Append(' ').Append(commands[i]).Append('\n');
        }

        return text.Append("  (the determinism property snapshots after the first ").Append(SnapshotAt).Append(" commands)").ToString();
    }
}
