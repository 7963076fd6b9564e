using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The operator image's Dockerfile invariants (CI here cannot run Docker).</summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<Stage> Stages = Parse(File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, "Dockerfile")));

    private static Stage Runtime => Stages[^1];

    [Fact]
    public void Runtime_stage_runs_as_the_numeric_non_root_user_65532()
    {
        var user = Runtime.Arguments("USER").Last();
        Assert.Equal("65532:65532", user);
    }

    [Fact]
    public void Runtime_stage_needs_no_shell()
    {
        // A distroless/chiseled base has no shell; nothing in the stage may need one.
        Assert.Matches("(chiseled|distroless|^scratch$)", Runtime.Base);
        Assert.Empty(Runtime.Arguments("RUN"));
        Assert.All(new[] { "ENTRYPOINT", "CMD" }, i => Assert.All(Runtime.Arguments(i), a => Assert.StartsWith("[", a, StringComparison.Ordinal)));
        Assert.DoesNotContain(Runtime.Arguments("SHELL"), _ => true);
    }

    [Fact]
    public void Entrypoint_is_the_host_assembly()
    {
        var project = XDocument.Load(Path.Combine(PackagingPaths.RepositoryRoot, "src", "FluxOperator", "FluxOperator.csproj"));
        var assembly = project.Descendants("AssemblyName").Single().Value;
        var entrypoint = JsonNode.Parse(Runtime.Arguments("ENTRYPOINT").Single())!.AsArray().Select(e => e!.GetValue<string>()).ToArray();
        Assert.Equal("/app/" + assembly, entrypoint[0]);

        var build = Stages.Single(s => s.Name == "build");
        Assert.Contains(build.Arguments("RUN"), r => r.Contains("dotnet publish src/FluxOperator/FluxOperator.csproj", StringComparison.Ordinal) && r.Contains("-o /app", StringComparison.Ordinal));
        Assert.Contains(Runtime.Arguments("COPY"), c => c == "--from=build /app /app");
    }

    [Fact]
    public void The_entrypoint_alone_runs_the_operator_without_a_CMD()
    {
        // Kubernetes `args` replace CMD; manifests written for the Go operator set flags only, so nothing may rely on CMD.
        Assert.Empty(Runtime.Arguments("CMD"));
        Assert.Equal("[\"/app/flux-operator\"]", Runtime.Arguments("ENTRYPOINT").Single());
    }

    [Fact]
    public void Data_is_filled_by_a_named_stage_running_our_distro_pull_with_an_overridable_artifact()
    {
        var copy = Runtime.Arguments("COPY").Select(c => DataCopy().Match(c)).Single(m => m.Success);
        var stage = Stages.Single(s => s.Name == copy.Groups[1].Value);
        var argument = stage.Arguments("ARG").Select(a => a.Split('=', 2)).Single(a => a[0] == "DISTRIBUTION_ARTIFACT");
        Assert.StartsWith("oci://", argument[1], StringComparison.Ordinal);
        var run = stage.Arguments("RUN").Single(r => r.Contains("distro pull", StringComparison.Ordinal));
        Assert.Contains("/app/flux-operator", run, StringComparison.Ordinal);
        Assert.Contains("${DISTRIBUTION_ARTIFACT}", run, StringComparison.Ordinal);
        Assert.Contains("--output /data", run, StringComparison.Ordinal);
        Assert.Contains("chmod -R a+rX /data", run, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_version_defaults_to_the_operator_release_and_is_stamped_into_the_host()
    {
        var text = File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, "Dockerfile"));
        var global = Regex.Match(text, @"^ARG VERSION=(\S+)$", RegexOptions.Multiline);
        Assert.True(global.Success, "no global ARG VERSION with a default");
        Assert.Equal(Controllers.OperatorInfo.Version, global.Groups[1].Value);
        Assert.Contains("VERSION", Stages.Single(s => s.Name == "build").Arguments("ARG"));
        Assert.Contains(Stages.Single(s => s.Name == "build").Arguments("RUN"), r => r.Contains("-p:Version=${VERSION}", StringComparison.Ordinal));
        Assert.Contains(Runtime.Arguments("LABEL"), l => l.Contains("org.opencontainers.image.version=\"${VERSION}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_writes_only_under_the_tmp_empty_dir()
    {
        var environment = string.Join(' ', Runtime.Arguments("ENV"));
        Assert.Contains("HOME=/tmp", environment, StringComparison.Ordinal);
        Assert.Contains("TMPDIR=/tmp", environment, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_context_leaves_out_local_build_output()
    {
        var ignored = File.ReadAllLines(Path.Combine(PackagingPaths.RepositoryRoot, ".dockerignore"));
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
    }

    [Theory]
    [InlineData("org.opencontainers.image.title")]
    [InlineData("org.opencontainers.image.description")]
    [InlineData("org.opencontainers.image.version")]
    [InlineData("org.opencontainers.image.licenses")]
    [InlineData("org.opencontainers.image.source")]
    [InlineData("org.opencontainers.image.vendor")]
    public void Runtime_image_carries_the_oci_label(string label)
    {
        Assert.Contains(Runtime.Arguments("LABEL"), l => l.Contains(label + "=", StringComparison.Ordinal));
    }

    private static List<Stage> Parse(string text)
    {
        var stages = new List<Stage>();
        var logical = Regex.Replace(text, @"\\\r?\n", " ");
        foreach (var line in logical.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var instruction = line[..space].ToUpperInvariant();
            var arguments = Regex.Replace(line[(space + 1)..], @"\s+", " ").Trim();
            if (instruction == "FROM")
            {
                var parts = arguments.Split(' ');
                stages.Add(new Stage(parts[0], parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add((instruction, arguments));
            }
        }

        return stages;
    }

    [GeneratedRegex(@"^--from=(\S+) /data /data$")]
    private static partial Regex DataCopy();

    private sealed record Stage(string Base, string? Name)
    {
        public List<(string Instruction, string Arguments)> Instructions { get; } = [];

        public IEnumerable<string> Arguments(string instruction) =>
            Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments);
    }
}
