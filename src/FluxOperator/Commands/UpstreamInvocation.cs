namespace FluxOperator.Commands;

/// <summary>
/// The Go operator's image runs the operator from its entrypoint with flags only (<c>flux-operator --storage-path=…</c>),
/// and every manifest, Helm chart and CSV written for it sets <c>args</c> without a subcommand. Such a command line
/// means <c>run</c> here, so those manifests start our operator unchanged.
/// </summary>
internal static class UpstreamInvocation
{
    // Options of the root command itself: these keep their meaning (help, version) instead of starting the operator.
    private static readonly HashSet<string> RootOptions = new(StringComparer.Ordinal) { "--help", "-h", "-?", "/?", "/h", "--version" };

    /// <summary>The arguments to parse: <c>run</c> prepended when there is no subcommand (none at all, or flags first).</summary>
    public static string[] Normalize(string[] args)
    {
        if (args.Length == 0)
        {
            return [RunCommand.Name];
        }

        var first = args[0];
        var isFlag = first.StartsWith('-') && first.Length > 1;
        return isFlag && !RootOptions.Contains(first) ? [RunCommand.Name, .. args] : args;
    }
}
