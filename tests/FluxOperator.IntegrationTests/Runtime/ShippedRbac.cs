using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.Commands;
using KubeApiEmulator;
using KubeApiEmulator.Auth;

namespace FluxOperator.IntegrationTests.Runtime;

/// <summary>
/// The RBAC we ship (<c>config/rbac</c>, read from the repository at test time) and the identity it is for: tests run the
/// operator as its service account bound to exactly these roles, so a permission missing from them fails a test.
/// </summary>
public static class ShippedRbac
{
    /// <summary>The operator's service account.</summary>
    public static UserInfo OperatorServiceAccount { get; } = UserInfo.ServiceAccount("flux-system", "flux-operator");

    /// <summary>Every object of <c>config/rbac</c>, in the kustomization's order, as one YAML stream.</summary>
    public static string Yaml()
    {
        var folder = Path.Combine(OperatorCli.RepositoryRoot, "config", "rbac");
        var kustomization = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(folder, "kustomization.yaml")))[0];
        var files = kustomization["resources"]!.AsArray().Select(r => Path.Combine(folder, r!.GetValue<string>()));
        return string.Join("\n---\n", files.Select(File.ReadAllText));
    }

    /// <summary>Creates the shipped RBAC in an emulator (as its administrator) and answers a kubeconfig for the operator's service account.</summary>
    public static string InstallFor(KubeApiServer api)
    {
        api.SeedYaml(Yaml());
        return api.WriteKubeconfig(OperatorServiceAccount);
    }
}
