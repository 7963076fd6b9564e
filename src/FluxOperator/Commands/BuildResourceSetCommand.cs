using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.ResourceSets;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Commands;

/// <summary>
/// `build resourceset`: renders a ResourceSet file offline as the controller would apply it: same checks, inputs
/// (providers' exported inputs read from <c>--inputs-from</c>), templates, ownership labels and common metadata.
/// </summary>
/// <remarks>
/// The data helpers that read the cluster (<c>copyFrom</c>, <c>convertKubeConfigFrom</c>, <c>checksumFrom</c>) are
/// not run offline; their annotations are printed as written.
/// </remarks>
internal static class BuildResourceSetCommand
{
    private const int InvalidInput = 2;

    public static Command Create()
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "ResourceSet YAML file ('-' reads stdin).", Required = true };
        var inputsFrom = new Option<FileInfo?>("--inputs-from")
        {
            Description = "YAML file with the ResourceSetInputProviders the set references, their status.exportedInputs filled in.",
        };
        var command = new Command("resourceset", "Render a ResourceSet offline: the objects the controller would apply, in build order.") { file, inputsFrom };
        command.Aliases.Add("rset");
        var limits = new InputLimitFlags();
        limits.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            if (!limits.TryApply(parseResult, stderr))
            {
                return 1;
            }

            ResourceSet set;
            IReadOnlyList<JsonObject> providers = [];
            try
            {
                var path = parseResult.GetValue(file)!;
                var documents = YamlDocuments.ParseObjects(path.Name == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path.FullName, cancellationToken));
                var document = documents.Where(d => d["kind"]?.ToString() == ResourceSet.KubeKind).ToArray() switch
                {
                    [var one] => one,
                    var many => throw new JsonException($"expected one ResourceSet in {path}, found {many.Length}"),
                };
                set = ApiYaml.FromNode<ResourceSet>(document);
                set.Metadata.NamespaceProperty ??= "default";
                if (parseResult.GetValue(inputsFrom) is { } providersFile)
                {
                    providers = YamlDocuments.ParseObjects(await File.ReadAllTextAsync(providersFile.FullName, cancellationToken));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException or JsonException)
            {
                await stderr.WriteLineAsync($"build resourceset: cannot read input: {e.Message}");
                return InvalidInput;
            }

            IReadOnlyList<JsonObject> objects;
            try
            {
                SetRender.Validate(set);
                IReadOnlyList<JsonObject> inputs;
                try
                {
                    inputs = ResourceSetInputs.Combine(set, ResourceSetInputs.Select(set, providers));
                }
                catch (InputException e)
                {
                    throw new SetRenderException($"failed to compute inputs: {e.Message}");
                }

                var steps = SetRender.Render(set, inputs, TimeProvider.System, cancellationToken);
                objects = SetObjects.Normalize(SetObjects.Stamp(steps.SelectMany(s => s.Objects), set));
            }
            catch (Exception e) when (e is SetRenderException or ApplyException)
            {
                await stderr.WriteLineAsync(e.Message);
                return 1;
            }

            await stdout.WriteAsync(string.Join("---\n", objects.Select(YamlDocuments.Write)));
            await stderr.WriteLineAsync($"built {objects.Count} object{(objects.Count == 1 ? "" : "s")}, revision {SetObjects.Digest(objects)}");
            return 0;
        });
        return command;
    }
}
