namespace Ringfence.Server.Api;

/// <summary>
/// Cursor pagination over a listing sorted by id: <c>limit</c> (1–1000, default 100) items after <c>cursor</c> (the
/// <c>next</c> of the previous page: the last id it held), so a page is stable while items are added or removed.
/// </summary>
public static class Paging
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Checks <paramref name="limit"/> and returns the page size.</summary>
    /// <exception cref="ProblemException">It is outside 1–1000.</exception>
    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw ProblemException.InvalidField("limit", $"must be from 1 to {MaxLimit}"),
    };

    /// <summary>The page of <paramref name="sorted"/> (ordinal order of <paramref name="idOf"/>) after <paramref name="cursor"/>.</summary>
    public static Resources.Page<T> Page<T>(IReadOnlyList<T> sorted, Func<T, string> idOf, int? limit, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentNullException.ThrowIfNull(idOf);
        var size = Limit(limit);
        var start = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            // The first item after the cursor, by binary search: the listing is sorted by id.
            var (low, high) = (0, sorted.Count);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (string.CompareOrdinal(idOf(sorted[middle]), cursor) <= 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            start = low;
        }

        var items = new List<T>(Math.Min(size, Math.Max(0, sorted.Count - start)));
        for (var i = start; i < sorted.Count && items.Count < size; i++)
        {
            items.Add(sorted[i]);
        }

        var more = start + items.Count < sorted.Count;
        return new Resources.Page<T>(items, more && items.Count > 0 ? idOf(items[^1]) : null);
    }
}
