namespace KubeApiEmulator.Apply;

/// <summary>Which part of an object a write may own: everything but status (main endpoint of a kind with a status subresource), only status, or all of it.</summary>
public enum FieldScope
{
    /// <summary>Every field (kinds without a status subresource).</summary>
    All,

    /// <summary>Everything except <c>.status</c>.</summary>
    Main,

    /// <summary>Only <c>.status</c>.</summary>
    Status,
}
