namespace KubeApiEmulator.Storage;

/// <summary>One change to one object, as a watch stream reports it.</summary>
/// <param name="Type">ADDED, MODIFIED or DELETED.</param>
/// <param name="ResourceVersion">The revision the change produced.</param>
/// <param name="Object">The object after the change (for DELETED: its last state at the deletion revision).</param>
/// <param name="Previous">The object before the change, to decide selector transitions.</param>
public sealed record WatchEvent(string Type, long ResourceVersion, StoredObject Object, StoredObject? Previous);
