using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.ResourceSets;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Commands;

/// <summary>`validate -f FILE…`: checks FluxInstance manifests offline, as a CI lint for GitOps repositories.</summary>
/// <remarks>Exit codes: 0 every FluxInstance is valid (warnings allowed), 1 some are invalid, 2 some input could not be read.</remarks>
internal static class ValidateCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Unreadable = 2;

    public static Command Create()
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "Manifest file, directory (its *.yaml, *.yml and *.json files, recursively) or - for standard input; repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("validate", "Check FluxInstance and ResourceSet manifests offline: schema, CRD rules and the checks the API server cannot make.") { files };
        var limits = new InputLimitFlags();
        limits.AddTo(command);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!limits.TryApply(parseResult, error))
            {
                return Unreadable;
            }

            var arguments = parseResult.GetValue(files) ?? [];
            if (arguments.Length == 0)
            {
                // Not System.CommandLine's required-option error: its exit code 1 would read as "invalid" in CI.
                error.WriteLine("validate: no input; pass -f FILE, -f DIRECTORY or -f - (repeatable)");
                return Unreadable;
            }

            var exitCode = Valid;
            var checkedCount = 0;
            var invalidCount = 0;
            foreach (var path in Expand(arguments, error, ref exitCode))
            {
                IReadOnlyList<JsonObject> documents;
                try
                {
                    documents = YamlDocuments.ParseObjects(path == "-"
                        ? BoundedTextReader.ReadAll(Console.In, InputLimits.Current)
                        : BoundedTextReader.ReadFile(path, InputLimits.Current));
                }
                catch (InputLimitException e)
                {
                    // Read, but refused: the content is invalid, not the file unreadable.
                    error.WriteLine($"{path}: invalid: {e.Message}");
                    checkedCount++;
                    invalidCount++;
                    exitCode = Math.Max(exitCode, Invalid);
                    continue;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException)
                {
                    error.WriteLine($"{path}: cannot read: {e.Message}");
                    exitCode = Unreadable;
                    continue;
                }

                for (var i = 0; i < documents.Count; i++)
                {
                    var kind = FluxInstanceManifest.IsFluxInstance(documents[i]) ? "FluxInstance"
                        : ResourceSetManifest.IsResourceSet(documents[i]) ? "ResourceSet"
                        : null;
                    if (kind is null)
                    {
                        continue;
                    }

                    checkedCount++;
                    var problems = kind == "FluxInstance" ? FluxInstanceManifest.Check(documents[i]) : ResourceSetManifest.Check(documents[i]);
                    var errors = problems.Count(p => !p.IsWarning);
                    var label = $"{path}: document {i + 1} ({kind} {Identity(documents[i])})";
                    output.WriteLine(errors == 0 ? $"{label}: valid" : $"{label}: {errors} problem{(errors == 1 ? "" : "s")}");
                    foreach (var problem in problems)
                    {
                        output.WriteLine($"  {problem}");
                    }

                    if (errors > 0)
                    {
                        invalidCount++;
                        exitCode = Math.Max(exitCode, Invalid);
                    }
                }
            }

            output.WriteLine(checkedCount == 0
                ? "no FluxInstance or ResourceSet documents found"
                : $"{checkedCount} document{(checkedCount == 1 ? "" : "s")} checked, {invalidCount} invalid");
            return exitCode;
        });
        return command;
    }

    private static IEnumerable<string> Expand(string[] arguments, TextWriter error, ref int exitCode)
    {
        var paths = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument == "-" || File.Exists(argument))
            {
                paths.Add(argument);
            }
            else if (Directory.Exists(argument))
            {
                paths.AddRange(Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories)
                    .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json")
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                error.WriteLine($"{argument}: cannot read: no such file or directory");
                exitCode = Unreadable;
            }
        }

        return paths;
    }

    private static string Identity(JsonObject document)
    {
        var name = document["metadata"]?["name"] is JsonValue n && n.TryGetValue(out string? text) ? text : "<no name>";
        var ns = document["metadata"]?["namespace"] is JsonValue v && v.TryGetValue(out string? nsText) ? nsText + "/" : "";
        return ns + name;
    }
}
