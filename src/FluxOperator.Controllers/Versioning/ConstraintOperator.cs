namespace FluxOperator.Controllers.Versioning;

/// <summary>The comparison operators of the constraint grammar (Masterminds semver spelling in the comments).</summary>
public enum ConstraintOperator
{
    /// <summary>No operator or `=`: equality, or `~` when the version has a wildcard.</summary>
    Equal,

    /// <summary>`!=`.</summary>
    NotEqual,

    /// <summary>`&gt;`.</summary>
    GreaterThan,

    /// <summary>`&gt;=` or `=&gt;`.</summary>
    GreaterThanOrEqual,

    /// <summary>`&lt;`.</summary>
    LessThan,

    /// <summary>`&lt;=` or `=&lt;`.</summary>
    LessThanOrEqual,

    /// <summary>`~` or `~&gt;`: same major and minor (same major when the minor is a wildcard).</summary>
    Tilde,

    /// <summary>`^`: same major (same minor, or patch, below 1.0.0).</summary>
    Caret,
}
