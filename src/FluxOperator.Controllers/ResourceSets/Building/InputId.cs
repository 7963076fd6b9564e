namespace FluxOperator.Controllers.ResourceSets.Building;

/// <summary>Identifiers of input sets: Adler-32 ids and template-safe source names.</summary>
public static class InputId
{
    /// <summary>The Adler-32 checksum of the UTF-8 bytes of <paramref name="text"/>, in decimal.</summary>
    public static string Compute(string text) => throw new NotImplementedException();

    /// <summary>Lower-cases, turns white space and punctuation into <c>_</c>, drops symbols and non-ASCII, and joins the non-empty parts with <c>_</c>.</summary>
    public static string NormalizeKey(string name) => throw new NotImplementedException();
}
