namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>The differential cases, grouped by the behaviour they pin.</summary>
internal static partial class DifferentialCases
{
    public static IReadOnlyList<DifferentialCase> All { get; } =
        [.. StrategicMergeCases(), .. ListMergeCases(), .. GeneratedListCases(), .. JsonPatchCases(), .. TargetCases(), .. TransformerCases()];

    /// <summary>A targeted strategic-merge patch entry (the patch's own name and kind do not matter).</summary>
    private static string Smp(string target, string body) =>
        $"patches:\n- target: {target}\n  patch: |\n{Indent(body, 4)}";

    /// <summary>A targeted JSON6902 patch entry.</summary>
    private static string Json(string target, string operations) =>
        $"patches:\n- target: {target}\n  patch: |\n{Indent(operations, 4)}";

    private static string Indent(string text, int spaces) =>
        string.Concat(text.Split('\n').Select(line => new string(' ', spaces) + line + "\n"));

    private const string AppDeployment = "{kind: Deployment, name: app}";

    private static string DeploymentPatch(string spec) => $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\n{spec}";

    private static string ManagerPatch(string container) =>
        DeploymentPatch("spec:\n  template:\n    spec:\n      containers:\n      - name: manager\n" + Indent(container, 8).TrimEnd('\n'));
}
