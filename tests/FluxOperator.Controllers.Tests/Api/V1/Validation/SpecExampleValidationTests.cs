using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Api.V1.Validation;

public class SpecExampleValidationTests
{
    // Examples the specs present as bad input, with the documented message our check must repeat.
    private static readonly Dictionary<string, string> Documented = new(StringComparer.Ordinal)
    {
        ["S07"] = "spec.components[1]: Unsupported value: \"flagger\"",
        ["S31"] = "Unexpected kind: removes",
        ["S32"] = "may not add resource with an already registered id",
        ["S33"] = ".spec.storage must be set when .spec.sharding.storage is 'persistent'",
        ["S30"] = "multiple matches for Id",
    };

    public static TheoryData<string> FluxInstanceExamples => SpecExamples.OfKind("FluxInstance");

    [Theory]
    [MemberData(nameof(FluxInstanceExamples))]
    public void Spec_example_is_valid_or_fails_with_its_documented_message(string example)
    {
        var yaml = SpecExamples.Get(example);
        var scenario = Scenario(example);
        var errors = FluxInstanceManifest.Check(YamlDocuments.ParseObjects(yaml).Single()).Where(p => !p.IsWarning).ToArray();

        if (scenario is not null && Documented.TryGetValue(scenario, out var message))
        {
            Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        }
        else
        {
            Assert.True(errors.Length == 0, $"{example} ({scenario}): {string.Join("; ", errors.Select(e => e.Message))}");
        }
    }

    /// <summary>The `### Sxx` heading the example sits under, if any.</summary>
    private static string? Scenario(string example)
    {
        var (file, index) = (example[..example.IndexOf('#', StringComparison.Ordinal)], int.Parse(example[(example.IndexOf('#', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var text = File.ReadAllText(Path.Combine(SpecExamples.DocsRoot, file));
        var position = -1;
        for (var i = 0; i <= index; i++)
        {
            position = text.IndexOf("```yaml\n", position + 1, StringComparison.Ordinal) is var p and >= 0 ? p : text.IndexOf("```yml\n", position + 1, StringComparison.Ordinal);
        }

        var heading = text.LastIndexOf("\n### S", position, StringComparison.Ordinal);
        return heading < 0 ? null : text.Substring(heading + 5, 3);
    }
}
