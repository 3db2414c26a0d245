using Ringfence.Core.Ledger;

namespace Ringfence.Core.Tests.Ledger;

public sealed class ValueUndoTests
{
    [Fact]
    public void A_rollback_reverses_value_records_and_closures_together_newest_first()
    {
        var log = new UndoLog();
        var reversed = new List<string>();
        var values = new ValueUndo<int>(log, v => reversed.Add($"value {v}"));
        var others = new ValueUndo<string>(log, s => reversed.Add($"other {s}"));

        values.Record(1);
        log.Record(() => reversed.Add("closure"));
        others.Record("a");
        values.Record(2);
        log.Rollback();

        Assert.Equal(["value 2", "other a", "closure", "value 1"], reversed);
    }

    [Fact]
    public void A_commit_forgets_the_records_so_a_later_rollback_reverses_only_newer_changes()
    {
        var log = new UndoLog();
        var reversed = new List<int>();
        var values = new ValueUndo<int>(log, reversed.Add);

        values.Record(1);
        values.Record(2);
        log.Commit();
        values.Record(3);
        log.Rollback();
        log.Rollback();

        Assert.Equal([3], reversed);
    }
}
