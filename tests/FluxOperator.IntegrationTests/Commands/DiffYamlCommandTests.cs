using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary><c>diff yaml</c> as the real executable; the patch it prints is applied by kubectl (the independent client) to prove it.</summary>
public sealed class DiffYamlCommandTests : IDisposable
{
    private const string Source = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels: {team: a}
        data:
          keep: "1"
          change: "2"
          drop: "3"
          "a/b": "slash"
        list: [1, 2, 3]
        """;

    private const string Target = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels: {team: b}
        data:
          keep: "1"
          change: "two"
          added: "4"
        list: [1]
        status: {ignored: true}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("diff-yaml-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_patch_ignores_metadata_and_status_and_kubectl_applying_it_yields_the_target()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "source.yaml"), Source);
        await File.WriteAllTextAsync(Path.Combine(_dir, "target.yaml"), Target);

        var (code, yaml, error) = await OperatorCli.RunAsync(_dir, "diff", "yaml", "source.yaml", "target.yaml");
        var (jsonCode, json, _) = await OperatorCli.RunWithInputAsync(_dir, Target, "diff", "yaml", "source.yaml", "-", "-o", "json-patch");

        Assert.Equal((0, ""), (code, error));
        Assert.Equal(
            """
            - op: replace
              path: /data/change
              value: two
            - op: remove
              path: /data/drop
            - op: remove
              path: /data/a~1b
            - op: add
              path: /data/added
              value: '4'
            - op: remove
              path: /list/2
            - op: remove
              path: /list/1

            """.ReplaceLineEndings("\n"),
            yaml);
        Assert.Equal(0, jsonCode);
        Assert.StartsWith("[\n  {\n    \"op\": \"replace\",", json, StringComparison.Ordinal);

        var patched = JsonNode.Parse(await KubectlPatchLocalAsync("source.yaml", json))!.AsObject();
        Assert.Equal("""{"added":"4","change":"two","keep":"1"}""", patched["data"]!.ToJsonString());
        Assert.Equal("[1]", patched["list"]!.ToJsonString());
        Assert.Equal("a", patched["metadata"]!["labels"]!["team"]!.GetValue<string>());
    }

    [Fact]
    public async Task Multi_document_inputs_are_compared_object_by_object_then_field_by_field()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "before.yaml"), Source + "\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: gone, namespace: apps}\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "after.yaml"), Target + "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: apps}\n");

        var (code, output, _) = await OperatorCli.RunAsync(_dir, "diff", "yaml", "before.yaml", "after.yaml", "-o", "json-patch");

        Assert.Equal(0, code);
        var changes = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(["ConfigMap/settings:changed", "Secret/apps/gone:removed", "Deployment.apps/apps/web:added"],
            changes.Select(c => $"{c!["object"]}:{c["change"]}"));
        Assert.Equal(6, changes[0]!["patch"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("✗ unsupported output format \"diff\", supported formats: json-patch-yaml, json-patch\n", "a.yaml", "b.yaml", "-o", "diff")]
    [InlineData("✗ only one of source and target can be read from stdin (-)\n", "-", "-")]
    public async Task Bad_arguments_are_one_line_and_exit_1(string expected, params string[] args)
    {
        var (code, output, error) = await OperatorCli.RunAsync(_dir, ["diff", "yaml", .. args]);

        Assert.Equal((1, "", expected), (code, output, error));
    }

    [Fact]
    public async Task A_missing_file_names_the_path()
    {
        var (code, _, error) = await OperatorCli.RunAsync(_dir, "diff", "yaml", "nope.yaml", "nope.yaml");

        Assert.Equal(1, code);
        Assert.StartsWith("✗ nope.yaml: ", error, StringComparison.Ordinal);
    }

    private async Task<string> KubectlPatchLocalAsync(string file, string patch)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir };
        foreach (var arg in new[] { "patch", "--local", "-f", file, "--type=json", "-p", patch, "-o", "json" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _dir;
        start.Environment["KUBECONFIG"] = Path.Combine(_dir, "none");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await error);
        return await output;
    }
}
