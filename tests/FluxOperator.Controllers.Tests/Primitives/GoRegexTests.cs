using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Tests.Primitives;

public sealed class GoRegexTests
{
    [Theory]
    [InlineData("(source-controller", "error parsing regexp: missing closing ): `^(?:(source-controller)$`")]
    [InlineData("a)", "error parsing regexp: unexpected ): `^(?:a))$`")]
    [InlineData("a**", "error parsing regexp: invalid nested repetition operator: `**`")]
    [InlineData("a*?*", "error parsing regexp: invalid nested repetition operator: `*?*`")]
    [InlineData("*a", "error parsing regexp: missing argument to repetition operator: `*`")]
    [InlineData("[a", "error parsing regexp: missing closing ]: `[a)$`")]
    [InlineData("a\\q", "error parsing regexp: invalid escape sequence: `\\q`")]
    [InlineData("(?=a)", "error parsing regexp: invalid or unsupported Perl syntax: `(?=`")]
    public void Invalid_patterns_fail_with_gos_message(string pattern, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => GoRegex.CompileAnchored(pattern)).Message);

    [Theory]
    [InlineData("ap??p", "app", true)]
    [InlineData("ap{1,2}?p", "appp", true)]
    [InlineData("\\Qa.b\\E", "a.b", true)]
    [InlineData("\\Qa.b\\E", "axb", false)]
    [InlineData("(?P<n>source)-controller", "source-controller", true)]
    [InlineData("[[:alpha:]]+-controller", "helm-controller", true)]
    [InlineData("\\pL+", "abc", true)]
    [InlineData("source", "source-controller", false)]
    public void Valid_patterns_match_whole_names(string pattern, string name, bool matches) =>
        Assert.Equal(matches, GoRegex.CompileAnchored(pattern).IsMatch(name));
}
