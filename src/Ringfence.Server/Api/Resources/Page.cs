namespace Ringfence.Server.Api.Resources;

/// <summary>One page of a listing: <c>next</c> is the cursor of the following page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
