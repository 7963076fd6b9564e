using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Semantics;

/// <summary>One page of a list: items in key order, the list revision and the continue token for the next page.</summary>
public sealed record ListResult(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue);
