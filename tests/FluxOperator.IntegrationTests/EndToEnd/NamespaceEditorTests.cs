using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeApiEmulator.Auth;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>
/// With the roles we ship applied, a user holding only the built-in <c>edit</c> role in flux-system reads FluxInstances but
/// cannot create or change one: writing a FluxInstance is a cluster-admin action.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Requires", "emulator")]
public class NamespaceEditorTests
{
    private const string Editor = "flux-system-editor";

    [Fact]
    public async Task An_editor_of_flux_system_can_read_but_not_create_or_patch_a_flux_instance()
    {
        await using var cluster = await E2eCluster.StartAsync();
        var api = cluster.Knobs;
        await cluster.ApplyAsync($"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {"{"}name: editor, namespace: {E2eCluster.Namespace}{"}"}
            roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit{"}"}
            subjects: [{"{"}apiGroup: rbac.authorization.k8s.io, kind: User, name: {Editor}{"}"}]
            """);
        await api.Access.AggregationSettledAsync();

        var (code, _, error) = await Kubectl(cluster, Instance("2.x"), "create", "-f", "-", "--as", Editor);
        Assert.NotEqual(0, code);
        Assert.Contains($"fluxinstances.fluxcd.controlplane.io is forbidden: User \"{Editor}\" cannot create resource \"fluxinstances\" in API group \"fluxcd.controlplane.io\" in the namespace \"flux-system\"",
            error, StringComparison.Ordinal);
        Assert.Null(await cluster.InstanceAsync());

        await cluster.ApplyAsync(Instance("2.x"));
        (code, _, error) = await Kubectl(cluster, null, "patch", "fluxinstance", "flux", "-n", E2eCluster.Namespace, "--type=merge",
            "-p", """{"spec":{"kustomize":{"patches":[{"patch":"evil"}]}}}""", "--as", Editor);
        Assert.NotEqual(0, code);
        Assert.Contains($"fluxinstances.fluxcd.controlplane.io \"flux\" is forbidden: User \"{Editor}\" cannot patch resource \"fluxinstances\"", error, StringComparison.Ordinal);
        Assert.Equal("no", (await Kubectl(cluster, null, "auth", "can-i", "delete", "fluxinstances.fluxcd.controlplane.io", "-n", E2eCluster.Namespace, "--as", Editor)).Out.Trim());
        Assert.Contains("flux", (await Kubectl(cluster, null, "get", "fluxinstances", "-n", E2eCluster.Namespace, "--as", Editor)).Out, StringComparison.Ordinal);

        // The same through KubernetesClient with the editor's own token.
        using var editor = api.CreateClient(UserInfo.User(Editor));
        var read = await editor.CustomObjects.GetNamespacedCustomObjectAsync("fluxcd.controlplane.io", "v1", E2eCluster.Namespace, "fluxinstances", "flux");
        Assert.NotNull(read);
        var patch = new V1Patch("""{"spec":{"distribution":{"version":"2.3.x"}}}""", V1Patch.PatchType.MergePatch);
        var denied = await Assert.ThrowsAsync<HttpOperationException>(() =>
            editor.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "fluxcd.controlplane.io", "v1", E2eCluster.Namespace, "fluxinstances", "flux"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Response.StatusCode);
        Assert.Equal("2.x", Text((await cluster.InstanceAsync())!["spec"]!["distribution"]!["version"]));
    }

    private static async Task<(int Code, string Out, string Err)> Kubectl(E2eCluster cluster, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(cluster.KubeconfigPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var home = Directory.CreateTempSubdirectory("kubectl-home-").FullName;
        start.Environment["HOME"] = home;
        try
        {
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
