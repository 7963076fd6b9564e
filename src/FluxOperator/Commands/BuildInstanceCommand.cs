using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Commands;

/// <summary>`build instance`: renders a FluxInstance file offline, exactly as the operator would apply it.</summary>
internal static class BuildInstanceCommand
{
    /// <summary>The embedded distribution of the operator image.</summary>
    public const string EmbeddedStore = "/data";

    /// <summary>The published distribution artifact, used when no folder is given and none is embedded.</summary>
    public const string DefaultArtifact = "oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest";

    public static Command Create()
    {
        var file = new Option<FileInfo>("--file", "-f", "--filename") { Description = "FluxInstance YAML file ('-' reads stdin).", Required = true };
        var distribution = new Option<string?>("--distribution", "-d")
        {
            Description = $"Distribution folder (with flux/ and flux-images/) or oci:// artifact. Default: spec.distribution.artifact, else {EmbeddedStore} if present, else {DefaultArtifact}.",
        };
        // The Go operator's CLI spells an artifact source this way.
        var artifact = new Option<string?>("--distribution-artifact")
        {
            Description = "Distribution OCI artifact (oci://…); the same as --distribution with an oci:// value.",
        };
        artifact.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !value.StartsWith(OciReference.Scheme, StringComparison.Ordinal))
            {
                result.AddError($"--distribution-artifact={value}: must be an {OciReference.Scheme} URL");
            }
        });
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Write one file per object to this folder instead of stdout." };
        var registry = new DistroRegistryFlags();
        var command = new Command(
            "instance",
            "Render a FluxInstance offline. The build is the in-cluster one (same checks, image digests from the distribution's "
            + "image lists, same revision); common metadata and ownership labels are added as at apply time.")
        {
            file, distribution, artifact, output,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(distribution) is { Implicit: false } && result.GetResult(artifact) is { Implicit: false })
            {
                result.AddError("--distribution and --distribution-artifact name the same input: give one");
            }
        });
        registry.AddTo(command);
        var limits = new InputLimitFlags();
        limits.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            if (!limits.TryApply(parseResult, stderr))
            {
                return InvalidInput;
            }

            if (Read(parseResult.GetValue(file)!, stderr) is not { } instance)
            {
                return InvalidInput;
            }

            if (OfflineInputChecks.FirstError(instance) is { } inputError)
            {
                await stderr.WriteLineAsync($"build failed: {inputError}");
                return 1;
            }

            // As in the cluster: an artifact named by the spec wins over the embedded store.
            var source = parseResult.GetValue(distribution)
                ?? parseResult.GetValue(artifact)
                ?? NullIfEmpty(instance.Spec.Distribution.Artifact)
                ?? (Directory.Exists(EmbeddedStore) ? EmbeddedStore : DefaultArtifact);
            if (!source.StartsWith(OciReference.Scheme, StringComparison.Ordinal))
            {
                return Run(instance, source, parseResult.GetValue(output), parseResult.InvocationConfiguration.Output, stderr);
            }

            return await BuildFromArtifactAsync(instance, source, registry, parseResult, cancellationToken);
        });
        return command;
    }

    private static async Task<int> BuildFromArtifactAsync(
        FluxInstance instance, string source, DistroRegistryFlags registry, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stderr = parseResult.InvocationConfiguration.Error;
        // An artifact is pulled into a temporary folder that lives only for this build, as in the operator.
        var scratch = Directory.CreateTempSubdirectory("flux-distribution-");
        try
        {
            var reference = OciReference.Parse(source);
            var options = registry.ClientOptions(parseResult);
            var credentials = await registry.CredentialsAsync(parseResult, reference, cancellationToken);
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(registry.Timeout.Value(parseResult));
            using var http = OciRegistryClient.CreateHttpClient(options);
            var client = new OciRegistryClient(reference.Registry, http, credentials, options, TimeProvider.System);
            var target = Path.Combine(scratch.FullName, "artifact");
            await ArtifactPuller.PullAsync(client, reference, target, new ExtractionLimits(), budget.Token, url: source);
            return Run(instance, target, parseResult.GetValue<DirectoryInfo?>("--output"), parseResult.InvocationConfiguration.Output, stderr);
        }
        catch (Exception e) when (e is ArtifactException or OciException or FormatException or IOException or UnauthorizedAccessException
                                      or System.Security.Cryptography.CryptographicException or JsonException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"build failed: fetch failed: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"build failed: fetch failed: pulling artifact {source} did not finish within {registry.TimeoutText(parseResult)}");
            return 1;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private const int InvalidInput = 2;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Reads a FluxInstance file (or stdin) through the bounded reader; null after one error line.</summary>
    internal static FluxInstance? Read(FileInfo file, TextWriter stderr)
    {
        try
        {
            var text = file.Name == "-" ? BoundedTextReader.ReadAll(Console.In, InputLimits.Current) : BoundedTextReader.ReadFile(file.FullName, InputLimits.Current);
            return ApiYaml.ReadFluxInstance(text);
        }
        catch (InputLimitException e)
        {
            stderr.WriteLine($"error: {file.Name}: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException or JsonException)
        {
            stderr.WriteLine($"error: cannot read {file.Name}: {e.Message}");
            return null;
        }
    }

    private static int Run(FluxInstance instance, string source, DirectoryInfo? output, TextWriter stdout, TextWriter stderr)
    {
        BuildOutcome outcome;
        try
        {
            outcome = FluxInstanceBuilder.Build(instance, new BuildSources(source));
        }
        catch (RenderException e)
        {
            stderr.WriteLine(e.PatchOrigin is null ? $"build failed: {e.Message}" : $"build failed: {e.Message} (in {e.PatchOrigin})");
            return 1;
        }
        catch (Exception e) when (e is YamlException or IOException or InvalidOperationException or FormatException)
        {
            // The distribution's own files failed to read or parse (a hostile or damaged artifact).
            stderr.WriteLine($"build failed: {e.Message}");
            return 1;
        }

        foreach (var notice in outcome.Notices)
        {
            stderr.WriteLine($"notice: {notice}");
        }

        var objects = AppliedMetadata.Prepare(outcome.Result.Objects, instance);
        if (objects.Count == 0)
        {
            stderr.WriteLine("build failed: no objects were generated");
            return 1;
        }

        if (output is null)
        {
            stdout.Write(YamlDocuments.WriteAll(objects));
        }
        else
        {
            WriteFolder(output, objects);
        }

        var counts = string.Join(", ", outcome.Result.CountsByKind.Select(p => $"{p.Key} {p.Value}"));
        stderr.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"built {outcome.Result.Revision}: {objects.Count} objects ({counts})"));
        return 0;
    }

    // One file per object, numbered in apply order so a directory listing reads like the stream.
    private static void WriteFolder(DirectoryInfo output, IReadOnlyList<System.Text.Json.Nodes.JsonObject> objects)
    {
        output.Create();
        for (var i = 0; i < objects.Count; i++)
        {
            var kind = objects[i]["kind"]?.GetValue<string>() ?? "object";
            var name = objects[i]["metadata"]?["name"]?.GetValue<string>() ?? "unnamed";
            var fileName = string.Create(CultureInfo.InvariantCulture, $"{i:D3}-{kind}-{name}.yaml").ToLowerInvariant();
            File.WriteAllText(Path.Combine(output.FullName, fileName), YamlDocuments.Write(objects[i]));
        }
    }
}
