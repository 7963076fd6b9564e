using System.CommandLine;
using System.Globalization;
using FluxOperator.Packaging;

namespace FluxOperator.Commands;

/// <summary>`generate bundle`: writes the OLM bundle of a release (bundle/&lt;version&gt;/) from config/.</summary>
internal static class GenerateBundleCommand
{
    public static Command Create()
    {
        var version = new Option<string>("--version") { Description = "The release, strict semver without a leading v.", Required = true };
        var config = new Option<string>("--config") { Description = "The config/ kustomize tree.", DefaultValueFactory = _ => "config" };
        var output = new Option<string>("--output", "-o") { Description = "The folder that receives <version>/.", DefaultValueFactory = _ => "bundle" };
        var createdAt = new Option<string?>("--created-at") { Description = "CSV createdAt (ISO-8601); default: the existing bundle's, else SOURCE_DATE_EPOCH, else now (UTC)." };
        var digest = new Option<string?>("--operator-image-digest") { Description = "sha256:<hex> of the operator image: pins it by digest (OpenShift flavour)." };
        var distribution = new Option<string?>("--distribution") { Description = "A storage directory (flux-images/...) whose newest controller images go to relatedImages." };
        var layout = new Option<string?>("--image-layout") { Description = "Also write the bundle image as an OCI image layout into this folder." };

        var command = new Command("bundle", "Generate the OLM bundle (CSV, CRDs, Service, annotations, scorecard, bundle.Dockerfile).")
        {
            version, config, output, createdAt, digest, distribution, layout,
        };
        command.SetAction(parseResult => PackagingFailure.Guard(parseResult, () =>
        {
            var release = parseResult.GetValue(version)!;
            var directory = Path.Combine(parseResult.GetValue(output)!, release);
            var options = new BundleOptions(
                release,
                CreatedAt(parseResult.GetValue(createdAt), directory),
                parseResult.GetValue(digest),
                parseResult.GetValue(distribution));
            var files = BundleRenderer.Render(parseResult.GetValue(config)!, options);
            BundleRenderer.Write(files, directory);
            var image = BundleImage.Build(directory);
            if (parseResult.GetValue(layout) is { Length: > 0 } layoutDirectory)
            {
                image.WriteLayout(layoutDirectory, $"v{options.Version}");
            }

            parseResult.InvocationConfiguration.Output.WriteLine($"wrote {directory} (bundle image {OlmPackage.BundleImage}@{image.Digest})");
            return 0;
        }));
        return command;
    }

    private static DateTimeOffset CreatedAt(string? value, string directory)
    {
        if (value is { Length: > 0 })
        {
            return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
        }

        // Regenerating a release keeps the time it was first created, so the output stays stable.
        if (BundleRenderer.ReadCreatedAt(directory) is { } existing)
        {
            return existing;
        }

        // Reproducible builds set SOURCE_DATE_EPOCH; otherwise the timestamp is the build time.
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        var now = epoch is { Length: > 0 }
            ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(epoch, CultureInfo.InvariantCulture))
            : TimeProvider.System.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
    }
}
