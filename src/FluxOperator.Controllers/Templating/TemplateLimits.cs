namespace FluxOperator.Controllers.Templating;

/// <summary>Bounds on one template render, so a hostile or buggy template fails with a clear message instead of
/// exhausting memory, CPU or the stack. Defaults suit every realistic ResourceSet; a flag may raise them.</summary>
public sealed record TemplateLimits
{
    /// <summary>The defaults documented in <c>docs/templating.md</c>.</summary>
    public static TemplateLimits Default { get; } = new();

    /// <summary>The limits this process renders with: the defaults unless the command line changed them at start.</summary>
    public static TemplateLimits Current { get; private set; } = Default;

    /// <summary>Sets <see cref="Current"/>; called once by the host before any template is rendered.</summary>
    public static void Configure(TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.MaxOutputBytes < 1 || limits.MaxLoopIterations < 1 || limits.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("template limits must be positive");
        }

        Current = limits;
    }

    /// <summary>Bytes one render may write (UTF-8).</summary>
    public long MaxOutputBytes { get; init; } = 1024 * 1024;

    /// <summary><c>range</c> iterations over one render, all loops together.</summary>
    public long MaxLoopIterations { get; init; } = 100_000;

    /// <summary>Elements a generating function (<c>until</c>, <c>untilStep</c>, <c>seq</c>) may produce. (<c>repeat</c>
    /// and <c>indent</c> results are bounded by <see cref="MaxOutputBytes"/>.)</summary>
    public int MaxSequenceLength { get; init; } = 10_000;

    /// <summary>Nested <c>template</c>/<c>block</c> calls (recursion through <c>define</c>).</summary>
    public int MaxTemplateCallDepth { get; init; } = 100;

    /// <summary>Nesting of actions and parentheses in the template text (checked while parsing).</summary>
    public int MaxNestingDepth { get; init; } = 100;

    /// <summary>Wall time for one render, measured with the render's <see cref="TimeProvider"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Template text size accepted by the parser (UTF-16 characters).</summary>
    public int MaxTemplateLength { get; init; } = 1024 * 1024;
}
