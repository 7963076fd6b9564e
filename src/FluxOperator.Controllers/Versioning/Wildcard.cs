namespace FluxOperator.Controllers.Versioning;

/// <summary>Where the version of a constraint stops being specific (`2.3.x`, `2.x`, `*`, or a missing part).</summary>
public enum Wildcard
{
    /// <summary>All three numbers given (`2.3.1`).</summary>
    None,

    /// <summary>Patch missing or wild (`2.3`, `2.3.x`).</summary>
    Patch,

    /// <summary>Minor missing or wild (`2`, `2.x`).</summary>
    Minor,

    /// <summary>Major wild (`*`, `x`).</summary>
    Major,
}
