namespace FluxOperator.IntegrationTests.Reporting;

/// <summary>One seeded kind.</summary>
internal sealed record SeedKind(string Group, string Version, string Kind, int Count, long ArtifactBytes = 0)
{
    public string ApiVersion => $"{Group}/{Version}";

    public string Plural => Kind.EndsWith('y') ? Kind.ToLowerInvariant()[..^1] + "ies" : Kind.ToLowerInvariant() + "s";
}
