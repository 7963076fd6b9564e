using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Tests.Rendering;

namespace FluxOperator.Controllers.Tests.Api.V1.Validation;

/// <summary>
/// <c>validate</c>, the reconciler's spec check and the build judge a patch target with the same parsers, so they
/// accept and reject the same selectors and regexes, with the same message.
/// </summary>
public sealed class SelectorVerdictTests
{
    public static TheoryData<string, string, string?> Targets => new()
    {
        { "labelSelector", "replicas>1", null },
        { "labelSelector", "app.kubernetes.io/component in (kustomize-controller, helm-controller),!missing", null },
        { "kind", "(?P<k>Deploy)ment", null },
        { "name", "(?=x)", "error parsing regexp: invalid or unsupported Perl syntax: `(?=`" },
        { "labelSelector", "a in (b", "unable to parse requirement: found '', expected: ',' or ')'" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Validate_the_reconciler_and_the_build_give_the_same_verdict(string field, string value, string? expectedError)
    {
        var yaml = Instance(field, value);

        var validate = FluxInstanceManifest.Check(YamlDocuments.ParseObjects(yaml).Single()).Where(p => !p.IsWarning).Select(p => p.Message).ToArray();
        var reconciler = FluxInstanceManifest.Errors(ApiYaml.ReadFluxInstance(yaml));
        var build = BuildError(yaml);

        if (expectedError is null)
        {
            Assert.Empty(validate);
            Assert.Empty(reconciler);
            Assert.Null(build);
        }
        else
        {
            Assert.Contains(expectedError, Assert.Single(validate), StringComparison.Ordinal);
            Assert.Equal(validate, reconciler);
            Assert.NotNull(build);
            Assert.Contains(expectedError, build, StringComparison.Ordinal);
        }
    }

    private static string? BuildError(string yaml)
    {
        try
        {
            Scenario.Outcome(yaml);
            return null;
        }
        catch (RenderException e)
        {
            return e.Message;
        }
    }

    private static string Instance(string field, string value) => Scenario.Instance(
        Scenario.Distro("2.x") + $$"""

        kustomize:
          patches:
            - target:
                {{(field == "kind" ? string.Empty : "kind: Deployment")}}
                {{field}}: '{{value}}'
              patch: |
                - op: add
                  path: /metadata/labels/patched
                  value: "true"
        """);
}
