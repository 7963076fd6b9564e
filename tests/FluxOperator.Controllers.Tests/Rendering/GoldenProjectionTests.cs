using System.Security.Cryptography;
using System.Text;
using FluxOperator.Controllers.Rendering.Patching;
using FluxOperator.Controllers.Tests.TestSupport;
using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;
using CanonicalJson = FluxOperator.Controllers.Rendering.CanonicalJson;

namespace FluxOperator.Controllers.Tests.Rendering;

/// <summary>Pins our projection of a few builds (ids, object hashes, images, args, revision) so the revision stays stable.</summary>
/// <remarks>The revision is a contract with running clusters: any change re-applies every object. Golden files hold only
/// our projections, never manifest content. Regenerate deliberately with <c>FLUX_UPDATE_GOLDEN=1</c>.</remarks>
public class GoldenProjectionTests
{
    public static TheoryData<string, string> Builds() => new()
    {
        { "s01-defaults-2.3", Distro("2.3.x") },
        { "s02-all-components-2.9", Distro("2.x") + "\n" + Scenarios.DefaultBuildScenarioTests.AllComponents },
        { "s19-sharded-2.9", Distro("2.9.x") + "\ncomponents: [source-controller, kustomize-controller, helm-controller, notification-controller, source-watcher]\nsharding:\n  shards: [shard1, shard2]" },
        { "s40-lockdown-2.9", Distro("2.9.x") + "\ncomponents: [source-controller, kustomize-controller, helm-controller, notification-controller, source-watcher]\ncluster:\n  type: openshift\n  size: small\n  multitenant: true\n  objectLevelWorkloadIdentity: true\n  multitenantWorkloadIdentity: true\nstorage:\n  class: standard\n  size: 5Gi\nsharding:\n  shards: [s1]\nsync:\n  kind: OCIRepository\n  url: oci://ghcr.io/org/fleet\n  ref: latest\n  path: ./prod" },
    };

    [Theory]
    [MemberData(nameof(Builds))]
    public void Build_projection_matches_its_golden_file(string name, string spec)
    {
        var projection = Project(Build(Instance(spec)));
        var path = Path.Combine(SharedData.RepositoryRoot, "tests", "FluxOperator.Controllers.Tests", "Rendering", "Golden", name + ".txt");
        if (Environment.GetEnvironmentVariable("FLUX_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, projection);
        }

        Assert.True(File.Exists(path), $"missing golden file {path}; run with FLUX_UPDATE_GOLDEN=1 once and review it");
        Assert.Equal(File.ReadAllText(path), projection);
    }

    private static string Project(RenderedObjects build)
    {
        var text = new StringBuilder();
        text.Append("revision ").Append(build.Result.Revision).Append('\n');
        foreach (var component in build.Result.Components)
        {
            text.Append("component ").Append(component.Name).Append(' ').Append(component.Repository).Append(':').Append(component.Tag)
                .Append(component.Digest is null ? string.Empty : "@" + component.Digest).Append('\n');
        }

        foreach (var obj in build.All)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Write(obj))));
            text.Append(ResourceId.Of(obj)).Append(" sha256:").Append(hash).Append('\n');
            if (Kind(obj) == "Deployment")
            {
                text.Append("  image ").Append(Manager(obj)["image"]!.GetValue<string>()).Append('\n');
                foreach (var arg in ArgsOf(obj))
                {
                    text.Append("  arg ").Append(arg).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
