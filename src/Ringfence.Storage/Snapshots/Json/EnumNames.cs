using Ringfence.Core.Serialization;

namespace Ringfence.Storage.Snapshots.Json;

/// <summary>
/// Enum members as the snapshot writes them: the member name in camel case (<c>long</c>, <c>positionMargin</c>,
/// <c>datedFuture</c>), the form Ringfence's other JSON uses. The names are part of the format: renaming a member
/// needs a new format version.
/// </summary>
internal static class EnumNames
{
    /// <summary>The name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is no member of the enum (a cast number).</exception>
    public static string Of<T>(T value)
        where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a member of {typeof(T).Name}.");

    /// <summary>The member named <paramref name="name"/>, compared ordinally.</summary>
    public static bool TryParse<T>(string name, out T value)
        where T : struct, Enum => Names<T>.ByName.TryGetValue(name, out value);

    /// <summary>Every name of <typeparamref name="T"/>, for error messages.</summary>
    public static IEnumerable<string> All<T>()
        where T : struct, Enum => Names<T>.ByName.Keys;

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, v => JsonValues.CamelCase(v.ToString()));

        public static readonly Dictionary<string, T> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
