using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Tests.Versioning;

public class VersionPrecedenceTests
{
    [Fact]
    public void Versions_sort_by_semver_precedence()
    {
        // The precedence example of the SemVer 2.0 standard (semver.org, item 11), plus numeric-vs-alphanumeric and case cases.
        string[] ordered =
        [
            "1.0.0-0", "1.0.0-9", "1.0.0-10", "1.0.0-RC", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
            "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "2.0.0", "10.0.0",
        ];
        var shuffled = ordered.Reverse().Select(LenientVersion.Parse).ToList();

        shuffled.Sort(VersionPrecedence.Instance);

        Assert.Equal(ordered, shuffled.Select(v => v.ToNormalizedString()).ToArray());
    }

    [Fact]
    public void Build_metadata_is_ignored()
    {
        Assert.Equal(0, VersionPrecedence.Instance.Compare(LenientVersion.Parse("2.9.4+a"), LenientVersion.Parse("v2.9.4+b")));
    }
}
