using System.CommandLine;
using FluxOperator.Controllers.Distribution.Catalogue;
using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Commands;

/// <summary>`distro versions`: lists the Flux releases of a distribution folder, or the one a constraint selects.</summary>
internal static class DistroVersionsCommand
{
    /// <summary>Where the operator image embeds its distribution.</summary>
    public const string EmbeddedStore = "/data";

    public static Command Create()
    {
        var distribution = new Option<string?>("--distribution", "-d")
        {
            Description = $"Distribution folder (flux/, flux-images/): the embedded store or an extracted artifact. Default: {EmbeddedStore} when present.",
        };
        var embedded = new Option<string?>("--embedded")
        {
            Description = "Embedded store whose minor versions are allowed, when --distribution is an artifact. Default: the distribution itself.",
        };
        var constraint = new Option<string?>("--constraint", "-c")
        {
            Description = "Semver constraint as in spec.distribution.version (e.g. 2.x, ~2.7, \">=2.4 <2.6\"); prints the selected version.",
        };

        var command = new Command(
            "versions",
            "List the Flux versions of a distribution, newest first, or print the one a constraint selects. Exit 1 when nothing matches, 2 when the distribution cannot be read.")
        {
            distribution, embedded, constraint,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(distribution),
            parseResult.GetValue(embedded),
            parseResult.GetValue(constraint),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string? distribution, string? embedded, string? constraint, TextWriter output, TextWriter error)
    {
        var root = distribution;
        if (string.IsNullOrEmpty(root))
        {
            if (!Directory.Exists(EmbeddedStore))
            {
                error.WriteLine($"error: no distribution at {EmbeddedStore}; pass --distribution DIR (a folder with flux/ and flux-images/, e.g. an extracted artifact)");
                return 2;
            }

            root = EmbeddedStore;
        }

        var catalogue = DistributionCatalogue.Open(root, embedded);
        if (!catalogue.HasReleases)
        {
            error.WriteLine($"error: storage path {catalogue.FluxDirectory} does not exist");
            return 2;
        }

        if (!Directory.Exists(catalogue.EmbeddedFluxDirectory))
        {
            error.WriteLine($"error: {catalogue.EmbeddedFluxDirectory} directory not found");
            return 2;
        }

        if (constraint is null)
        {
            // The versions a FluxInstance can select: minors the embedded store has a release of.
            var allowed = catalogue.AllowedMinors();
            var versions = catalogue.Versions().Where(v => allowed.Contains(LenientVersion.MinorLine(v.Version))).ToArray();
            if (versions.Length == 0)
            {
                error.WriteLine($"error: no selectable version folders in {catalogue.FluxDirectory}");
                return 1;
            }

            foreach (var version in versions)
            {
                output.WriteLine(version.Name);
            }

            return 0;
        }

        var resolution = catalogue.ExplainVersion(constraint);
        if (!resolution.Succeeded)
        {
            error.WriteLine($"error: {resolution.ExplainFailure()}");
            return 1;
        }

        output.WriteLine(resolution.Selected!.Name);
        return 0;
    }
}
