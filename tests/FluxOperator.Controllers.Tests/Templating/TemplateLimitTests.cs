using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Templating;
using Microsoft.Extensions.Time.Testing;
using static FluxOperator.Controllers.Tests.Templating.TemplateRendering;

namespace FluxOperator.Controllers.Tests.Templating;

/// <summary>Every execution limit: the smallest template that crosses it fails naming the limit, one just under passes.</summary>
public class TemplateLimitTests
{
    private static string LimitError(string template, TemplateLimits limits, TimeProvider? time = null) =>
        Assert.Throws<TemplateLimitException>(() => Render(template, limits: limits, time: time)).Message;

    [Fact]
    public void Output_size_is_bounded()
    {
        var limits = TemplateLimits.Default with { MaxOutputBytes = 10 };
        Assert.Equal("0123456789", Render("01234<< \"56789\" >>", limits: limits));
        Assert.Equal("template output exceeds 10 bytes", LimitError("01234<< \"567890\" >>", limits));
        Assert.Equal("template output exceeds 1 MiB", LimitError("<< range 2000 >><< repeat 1000 \"x\" >><< end >>", TemplateLimits.Default));
    }

    [Fact]
    public void Output_size_counts_utf8_bytes()
    {
        var limits = TemplateLimits.Default with { MaxOutputBytes = 4 };
        Assert.Equal("éé", Render("éé", limits: limits));
        Assert.Equal("template output exceeds 4 bytes", LimitError("ééa", limits));
    }

    [Fact]
    public void Loop_iterations_are_bounded_across_all_loops()
    {
        var limits = TemplateLimits.Default with { MaxLoopIterations = 6 };
        Assert.Equal("012012", Render("<< range 3 >><< . >><< end >><< range 3 >><< . >><< end >>", limits: limits));
        Assert.Equal("template loops exceed 6 iterations", LimitError("<< range 3 >><< range 2 >>x<< end >><< end >><< range 1 >><< end >>", limits));
    }

    [Theory]
    [InlineData("<< until 5 >>", "<< until 6 >>", "until result of 6 elements exceeds the limit of 5")]
    [InlineData("<< untilStep 0 10 2 >>", "<< untilStep 0 11 2 >>", "untilStep result of 6 elements exceeds the limit of 5")]
    [InlineData("<< seq 5 >>", "<< seq 6 >>", "seq result of 6 elements exceeds the limit of 5")]
    [InlineData("<< seq 5 1 >>", "<< seq 6 1 >>", "seq result of 6 elements exceeds the limit of 5")]
    public void Generated_sequences_are_bounded(string under, string over, string message)
    {
        var limits = TemplateLimits.Default with { MaxSequenceLength = 5 };
        Render(under, limits: limits);
        Assert.Equal(message, LimitError(over, limits));
    }

    [Fact]
    public void Repeat_and_indent_results_are_bounded_by_the_output_size()
    {
        var limits = TemplateLimits.Default with { MaxOutputBytes = 10 };
        Assert.Equal("xxxxxxxxxx", Render("<< repeat 10 \"x\" >>", limits: limits));
        Assert.Equal("repeat result exceeds 10 bytes", LimitError("<< $x := repeat 11 \"x\" >>", limits));
        Assert.Equal("repeat result exceeds 1 MiB", LimitError("<< $x := repeat 1000000000 \"xy\" >>", TemplateLimits.Default));
        Assert.Equal("indent result exceeds 10 bytes", LimitError("<< $x := indent 11 \"a\" >>", limits));
    }

    [Fact]
    public void Template_recursion_is_bounded()
    {
        var limits = TemplateLimits.Default with { MaxTemplateCallDepth = 3 };
        const string Recursive = "<< define \"r\" >><< . >><< if gt . 0 >><< template \"r\" (sub . 1) >><< end >><< end >>";
        Assert.Equal("210", Render(Recursive + "<< template \"r\" 2 >>", limits: limits));
        Assert.Equal("template calls nest deeper than 3", LimitError(Recursive + "<< template \"r\" 3 >>", limits));
        Assert.Equal("template calls nest deeper than 100", LimitError("<< define \"loop\" >><< template \"loop\" >><< end >><< template \"loop\" >>", TemplateLimits.Default));
    }

    [Fact]
    public void Nesting_of_the_template_text_is_bounded_while_parsing()
    {
        var limits = TemplateLimits.Default with { MaxNestingDepth = 10 };
        Assert.Equal("1", GoTemplate.Parse("resourceset", "<< " + new string('(', 9) + "1" + new string(')', 9) + " >>", limits)
            .Execute(null, limits, CancellationToken.None));
        var e = Assert.Throws<TemplateLimitException>(() => GoTemplate.Parse("resourceset", "<< " + new string('(', 10) + "1" + new string(')', 10) + " >>", limits));
        Assert.Equal("template: resourceset:1: template nesting exceeds 10 levels", e.Message);
    }

    [Fact]
    public void Hostile_nesting_ends_in_a_clean_error_not_a_stack_overflow()
    {
        var parens = "<< " + new string('(', 200_000) + "1" + new string(')', 200_000) + " >>";
        Assert.Contains("template nesting exceeds 100 levels", Assert.Throws<TemplateLimitException>(() => GoTemplate.Parse("resourceset", parens, TemplateLimits.Default)).Message);
        var ifs = string.Concat(Enumerable.Repeat("<< if true >>", 20_000)) + string.Concat(Enumerable.Repeat("<< end >>", 20_000));
        Assert.Contains("template nesting exceeds 100 levels", Assert.Throws<TemplateLimitException>(() => GoTemplate.Parse("resourceset", ifs, TemplateLimits.Default)).Message);
        var limits = TemplateLimits.Default with { MaxTemplateLength = 100 };
        Assert.Equal("template text exceeds 100 characters", Assert.Throws<TemplateLimitException>(() => GoTemplate.Parse("resourceset", new string('x', 101), limits)).Message);
    }

    [Fact]
    public void Wall_time_is_bounded_on_the_render_clock()
    {
        // Every loop step reads the clock once; the fake clock moves one second per read.
        var limits = TemplateLimits.Default with { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal("01234", Render("<< range 5 >><< . >><< end >>", limits: limits, time: new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) }));
        Assert.Equal("template execution exceeds 5s",
            LimitError("<< range 6 >><< . >><< end >>", limits, new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) }));
    }

    [Fact]
    public void A_cancelled_render_stops()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var template = GoTemplate.Parse("resourceset", "<< range 10 >>x<< end >>", TemplateLimits.Default);
        Assert.Throws<OperationCanceledException>(() => template.Execute(null, TemplateLimits.Default, cancellation.Token));
    }

    [Fact]
    public void Limit_errors_reach_the_build_with_its_prefix()
    {
        var limits = TemplateLimits.Default with { MaxLoopIterations = 1 };
        var e = Assert.Throws<ResourceSetBuildException>(() => ResourceSetBuild.Build("<< range 2 >><< end >>", [], [], limits, CancellationToken.None));
        Assert.Equal("failed to build resource: failed to execute multi-doc YAML template: template loops exceed 1 iterations", e.Message);
    }

    [Fact]
    public void Hostile_rendered_yaml_is_bounded()
    {
        var deep = "<< repeat 200000 \"[\" >>";
        var e = Assert.Throws<ResourceSetBuildException>(() => ResourceSetBuild.Build(deep, [], [], TemplateLimits.Default, CancellationToken.None));
        Assert.Contains("failed to read objects from multi-doc YAML: error converting YAML to JSON: yaml: line 1: nesting exceeds the depth limit of", e.Message);
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" +
                   string.Concat(Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"));
        e = Assert.Throws<ResourceSetBuildException>(() => ResourceSetBuild.Build(bomb, [], [], TemplateLimits.Default, CancellationToken.None));
        Assert.Contains("document contains excessive aliasing", e.Message);
    }
}
