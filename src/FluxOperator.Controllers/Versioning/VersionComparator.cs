using NuGet.Versioning;

namespace FluxOperator.Controllers.Versioning;

/// <summary>One operator + version of a constraint (`>=2.4`, `~2.5`, `2.x`), checked with Masterminds semver's semantics.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Base">The version with wildcards replaced by 0 (`2.x` → 2.0.0); keeps a pre-release, drops build metadata when wild.</param>
/// <param name="Wildcard">Which part of the version was missing or wild.</param>
/// <param name="Text">The version as written (for messages).</param>
public sealed record VersionComparator(ConstraintOperator Operator, SemanticVersion Base, Wildcard Wildcard, string Text)
{
    private static readonly VersionPrecedence Order = VersionPrecedence.Instance;

    /// <summary>True when <paramref name="version"/> satisfies this comparator.</summary>
    /// <param name="version">The candidate.</param>
    /// <param name="includePrerelease">Whether the enclosing OR group admits pre-release candidates.</param>
    public bool IsSatisfiedBy(SemanticVersion version, bool includePrerelease)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.IsPrerelease && !includePrerelease)
        {
            return false;
        }

        return Operator switch
        {
            ConstraintOperator.Equal => Wildcard != Wildcard.None ? Tilde(version) : Order.Compare(version, Base) == 0,
            ConstraintOperator.NotEqual => NotEqual(version),
            ConstraintOperator.GreaterThan => GreaterThan(version),
            ConstraintOperator.GreaterThanOrEqual => Order.Compare(version, Base) >= 0,
            ConstraintOperator.LessThan => Order.Compare(version, Base) < 0,
            ConstraintOperator.LessThanOrEqual => LessThanOrEqual(version),
            ConstraintOperator.Tilde => Tilde(version),
            ConstraintOperator.Caret => Caret(version),
            _ => false,
        };
    }

    /// <inheritdoc />
    public override string ToString() => OperatorText(Operator) + Text;

    private static string OperatorText(ConstraintOperator op) => op switch
    {
        ConstraintOperator.NotEqual => "!=",
        ConstraintOperator.GreaterThan => ">",
        ConstraintOperator.GreaterThanOrEqual => ">=",
        ConstraintOperator.LessThan => "<",
        ConstraintOperator.LessThanOrEqual => "<=",
        ConstraintOperator.Tilde => "~",
        ConstraintOperator.Caret => "^",
        _ => string.Empty,
    };

    // A wildcard excludes its whole range: !=2.9 excludes every 2.9.x, !=2 every 2.x.x.
    private bool NotEqual(SemanticVersion v)
    {
        if (Wildcard != Wildcard.None)
        {
            if (v.Major != Base.Major)
            {
                return true;
            }

            if (Wildcard == Wildcard.Minor)
            {
                return false;
            }

            if (v.Minor != Base.Minor)
            {
                return true;
            }

            if (Wildcard == Wildcard.Patch)
            {
                return (v.IsPrerelease || Base.IsPrerelease)
                    && VersionPrecedence.CompareLabels(v.ReleaseLabels.ToArray(), Base.ReleaseLabels.ToArray()) != 0;
            }

            if (v.Patch != Base.Patch)
            {
                return true;
            }
        }

        return Order.Compare(v, Base) != 0;
    }

    // >2.8 means a higher minor (or major), >2 a higher major.
    private bool GreaterThan(SemanticVersion v)
    {
        if (Wildcard == Wildcard.None)
        {
            return Order.Compare(v, Base) > 0;
        }

        if (v.Major != Base.Major)
        {
            return v.Major > Base.Major;
        }

        return Wildcard switch
        {
            Wildcard.Minor => false,
            Wildcard.Patch => v.Minor > Base.Minor,
            _ => Order.Compare(v, Base) > 0,
        };
    }

    // <=2.8 includes every 2.8.x, <=2 every 2.x.x.
    private bool LessThanOrEqual(SemanticVersion v)
    {
        if (Wildcard == Wildcard.None)
        {
            return Order.Compare(v, Base) <= 0;
        }

        if (v.Major > Base.Major)
        {
            return false;
        }

        return !(v.Major == Base.Major && v.Minor > Base.Minor && Wildcard != Wildcard.Minor);
    }

    private bool Tilde(SemanticVersion v)
    {
        if (Order.Compare(v, Base) < 0)
        {
            return false;
        }

        // ~0.0.0 and ~* accept everything (Masterminds' special case).
        if (Base.Major == 0 && Base.Minor == 0 && Base.Patch == 0 && Wildcard is Wildcard.None or Wildcard.Major)
        {
            return true;
        }

        return v.Major == Base.Major && (v.Minor == Base.Minor || Wildcard == Wildcard.Minor);
    }

    private bool Caret(SemanticVersion v)
    {
        if (Order.Compare(v, Base) < 0)
        {
            return false;
        }

        if (Base.Major > 0 || Wildcard == Wildcard.Minor)
        {
            return v.Major == Base.Major;
        }

        if (v.Major > 0)
        {
            return false;
        }

        if (Base.Minor > 0 || Wildcard == Wildcard.Patch)
        {
            return v.Minor == Base.Minor;
        }

        return v.Minor == 0 && v.Patch == Base.Patch;
    }
}
