using System.CommandLine;
using FluxOperator.Packaging;

namespace FluxOperator.Commands;

/// <summary>`generate catalog`: adds a bundle's release to the file-based catalog and its upgrade graph.</summary>
internal static class GenerateCatalogCommand
{
    public static Command Create()
    {
        var bundle = new Option<string>("--bundle") { Description = "The bundle directory of the release (bundle/<version>).", Required = true };
        var catalog = new Option<string>("--catalog") { Description = "The catalog root.", DefaultValueFactory = _ => FileBasedCatalog.DefaultRoot };
        var template = new Option<string>("--template") { Description = "Where the olm.template.basic source of the catalog is written.", DefaultValueFactory = _ => FileBasedCatalog.DefaultTemplate };
        var image = new Option<string?>("--bundle-image") { Description = "The pushed bundle image by digest; default: the digest of the reproducible bundle image." };

        var command = new Command("catalog", "Add a release to the OLM file-based catalog (olm.bundle and the stable channel's upgrade graph).")
        {
            bundle, catalog, template, image,
        };
        command.SetAction(parseResult => PackagingFailure.Guard(parseResult, () =>
        {
            var bundleDirectory = parseResult.GetValue(bundle)!;
            var root = parseResult.GetValue(catalog)!;
            var bundleImage = parseResult.GetValue(image) is { Length: > 0 } given
                ? given
                : $"{OlmPackage.BundleImage}@{BundleImage.Build(bundleDirectory).Digest}";
            var documents = FileBasedCatalog.AddRelease(FileBasedCatalog.Load(root), bundleDirectory, bundleImage);
            FileBasedCatalog.Save(root, documents);
            var templatePath = parseResult.GetValue(template)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(templatePath))!);
            File.WriteAllText(templatePath, FileBasedCatalog.RenderTemplate(documents));
            parseResult.InvocationConfiguration.Output.WriteLine($"added {bundleImage} to {Path.Combine(root, FileBasedCatalog.PackageFile)}");
            return 0;
        }));
        return command;
    }
}
