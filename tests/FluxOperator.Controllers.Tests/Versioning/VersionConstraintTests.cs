using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Tests.Versioning;

public class VersionConstraintTests
{
    [Theory]
    // equality and wildcards
    [InlineData("=2.0.0", "2.0.0", true)]
    [InlineData("=2.0.0", "2.0.1", false)]
    [InlineData("=2.0", "2.0.1", true)]
    [InlineData("2", "2.1.1", true)]
    [InlineData("2", "3.4.5", false)]
    [InlineData("2.1.*", "2.2.1", false)]
    [InlineData("*", "0.0.1", true)]
    [InlineData("2.9.4", "2.9.4+other", true)]
    // not equal: a wildcard excludes its whole range
    [InlineData("!=2.9", "2.9.1", false)]
    [InlineData("!=2.9", "2.10.0", true)]
    [InlineData("!=2", "2.5.0", false)]
    [InlineData("!=2", "3.0.0", true)]
    [InlineData("!=4.1-alpha", "4.1.0", true)]
    [InlineData("!=4.1-alpha", "4.1.0-alpha", false)]
    // greater/less with wildcards
    [InlineData(">2.8", "2.8.9", false)]
    [InlineData(">2.8", "2.9.0", true)]
    [InlineData(">2", "2.99.0", false)]
    [InlineData(">2", "3.0.0", true)]
    [InlineData(">=2.4", "2.4.0", true)]
    [InlineData("=>2.4", "2.3.9", false)]
    [InlineData("<2.8", "2.8.0", false)]
    [InlineData("<2", "1.9.9", true)]
    [InlineData("<=2.8", "2.8.99", true)]
    [InlineData("=<2.8", "2.9.0", false)]
    [InlineData("<=2", "2.99.0", true)]
    [InlineData("<=2", "3.0.0", false)]
    // tilde and caret
    [InlineData("~2", "2.9.0", true)]
    [InlineData("~2", "3.0.0", false)]
    [InlineData("~2.5.1", "2.5.0", false)]
    [InlineData("~2.5.1", "2.5.7", true)]
    [InlineData("~2.5.1", "2.6.0", false)]
    [InlineData("~*", "7.1.0", true)]
    [InlineData("^2.5", "2.99.0", true)]
    [InlineData("^2.5", "3.0.0", false)]
    [InlineData("^2.5", "2.4.9", false)]
    [InlineData("^0.2.3", "0.2.9", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("^0.0", "0.0.9", true)]
    [InlineData("^0", "0.9.0", true)]
    [InlineData("^0", "1.0.0", false)]
    // AND / OR / hyphen
    [InlineData(">1.1, <2", "1.1.1", false)]
    [InlineData(">1.1 <2", "1.2.1", true)]
    [InlineData(">=1.1, <2, !=1.2.3 || > 3", "4.1.2", true)]
    [InlineData(">=1.1, <2, !=1.2.3 || > 3", "3.1.2", false)]
    [InlineData("1.1 - 2", "2.7.0", true)]
    [InlineData("1.1 - 2", "3.0.0", false)]
    [InlineData("2.3.0 - 2.5.0", "2.5.1", false)]
    public void Release_candidates_follow_masterminds_semantics(string constraint, string version, bool expected)
    {
        Assert.Equal(expected, VersionConstraint.Parse(constraint).IsSatisfiedBy(version));
    }

    [Theory]
    [InlineData("*", "2.10.0-rc.1", false)]
    [InlineData("2.x", "2.10.0-rc.1", false)]
    [InlineData(">=2.9", "2.10.0-rc.1", false)]
    [InlineData(">=2.10.0-0", "2.10.0-rc.1", true)]
    [InlineData("2.10.x-0", "2.10.0-rc.1", true)]
    [InlineData("~2.10.0-0", "2.10.0-rc.1", true)]
    [InlineData("2.10.0-rc.1", "2.10.0-rc.1", true)]
    [InlineData("2.10.0-rc.1", "2.10.0-rc.2", false)]
    [InlineData(">=2.9 || >=2.10.0-rc.1", "2.10.0-rc.1", true)]
    [InlineData(">=2.10.0-rc.1 || >=2.9", "2.10.0-rc.0", false)]
    [InlineData(">=2.10.0-0 <2.10.0", "2.10.0-beta.3", true)]
    [InlineData(">=2.10.0-rc.2", "2.10.0-rc.10", true)] // numeric identifiers compare as numbers
    [InlineData(">=2.10.0-rc.1", "2.10.0-RC.9", false)]  // ASCII order: upper case sorts below lower case
    [InlineData(">=2.10.0-alpha", "2.10.0-alpha.1", true)] // a longer list ranks higher
    [InlineData("<2.10.0-1", "2.10.0-0", true)]
    [InlineData(">2.10.0-9", "2.10.0-alpha", true)] // numeric ranks below alphanumeric
    public void Prerelease_candidates_need_a_prerelease_in_their_group(string constraint, string version, bool expected)
    {
        Assert.Equal(expected, VersionConstraint.Parse(constraint).IsSatisfiedBy(version));
    }

    [Theory]
    [InlineData("latest", "improper constraint: \"latest\"")]
    [InlineData(">=2.4 && <2.6", "improper constraint: \">=2.4 && <2.6\"")]
    [InlineData("2.x ||", "improper constraint: \"\"")]
    [InlineData("2.x || ", "improper constraint: \" \"")]
    [InlineData("|| 2.x", "improper constraint: \"\"")]
    [InlineData("", "improper constraint: \"\"")]
    [InlineData("   ", "improper constraint: \"   \"")]
    [InlineData("V2.9.2", "improper constraint: \"V2.9.2\"")]
    [InlineData(">=2.4<2.6", "improper constraint: \">=2.4<2.6\"")]
    [InlineData(">=2.4,,<2.6", "improper constraint: \">=2.4,,<2.6\"")]
    [InlineData("== 2.4", "improper constraint: \"== 2.4\"")]
    [InlineData("> = 2.4", "improper constraint: \"> = 2.4\"")]
    [InlineData("12.3.4.1234", "improper constraint: \"12.3.4.1234\"")]
    [InlineData("2.9.4-", "improper constraint: \"2.9.4-\"")]
    [InlineData("2.x\t\"q\"", "improper constraint: \"2.x\\t\\\"q\\\"\"")]
    [InlineData("2x", "constraint parser error")]
    [InlineData("2.9.4-01", "constraint parser error")]
    public void Invalid_constraint_reports_the_reference_message(string constraint, string detail)
    {
        Assert.False(VersionConstraint.TryParse(constraint, out var parsed, out var error));

        Assert.Null(parsed);
        Assert.Equal($"semver '{constraint}' parse error: {detail}", error);
        var thrown = Assert.Throws<FormatException>(() => VersionConstraint.Parse(constraint));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Overlong_constraint_is_refused_before_parsing()
    {
        var text = string.Join(" ", Enumerable.Repeat(">=2.0.0", 80));

        Assert.False(VersionConstraint.TryParse(text, out _, out var error));
        Assert.EndsWith("parse error: constraint string is too long (max 512 bytes)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_alternatives_are_refused()
    {
        var text = string.Join("||", Enumerable.Repeat("2", 33));

        Assert.False(VersionConstraint.TryParse(text, out _, out var error));
        Assert.EndsWith("parse error: too many constraint groups (max 32)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">= 1.2.3 < 2.0 || => 3.0 < 4", new[] { 2, 2 })]
    [InlineData(">= 1.2.3, < 2.0", new[] { 2 })]
    [InlineData("3 - 4 || => 3.0, < 4", new[] { 2, 2 })]
    [InlineData("12.3.34 ~1.2.3", new[] { 2 })]
    [InlineData("v2.3.5-20161202202307-sha.e8fc5e5", new[] { 1 })]
    public void Groups_and_comparators_are_split_as_written(string constraint, int[] comparatorsPerGroup)
    {
        var parsed = VersionConstraint.Parse(constraint);

        Assert.Equal(comparatorsPerGroup, parsed.Groups.Select(g => g.Comparators.Count).ToArray());
        Assert.Equal(constraint, parsed.Text);
    }

    [Theory]
    [InlineData("2.x", Wildcard.Minor, "2.0.0")]
    [InlineData("2.3", Wildcard.Patch, "2.3.0")]
    [InlineData("*", Wildcard.Major, "0.0.0")]
    [InlineData("2.x.7", Wildcard.Minor, "2.0.0")]
    [InlineData("v2.9.4", Wildcard.None, "2.9.4")]
    [InlineData("2.9.x-rc.1", Wildcard.Patch, "2.9.0-rc.1")]
    public void Wildcards_become_a_base_version_and_a_level(string constraint, Wildcard wildcard, string baseVersion)
    {
        var comparator = VersionConstraint.Parse(constraint).Groups.Single().Comparators.Single();

        Assert.Equal(wildcard, comparator.Wildcard);
        Assert.Equal(baseVersion, comparator.Base.ToNormalizedString());
    }

    [Fact]
    public void Non_version_candidate_text_never_satisfies()
    {
        Assert.False(VersionConstraint.AnyRelease.IsSatisfiedBy("latest"));
    }

    [Fact]
    public void Arbitrary_text_parses_or_fails_with_a_message_but_never_throws()
    {
        const string alphabet = "0123456789.xX*v-+|,<>=!~^ \tabcrc";
        var random = new Random(20260101);
        for (var i = 0; i < 5000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var parsed = VersionConstraint.TryParse(text, out var constraint, out var error);

            Assert.True(parsed ^ (error is not null), text);
            if (parsed)
            {
                _ = constraint!.IsSatisfiedBy("2.9.4");
            }
            else
            {
                Assert.StartsWith($"semver '{text}' parse error: ", error, StringComparison.Ordinal);
            }
        }
    }
}
