namespace FluxOperator.Controllers.Tests.Distribution.Catalogue;

/// <summary>A small hand-written distribution folder in a temp directory, deleted on dispose.</summary>
internal sealed class FixtureDistribution : IDisposable
{
    public FixtureDistribution()
    {
        Root = Path.Combine(Path.GetTempPath(), "catalogue-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A release folder with one manifest per component (a ServiceAccount and a Deployment each), policies and rbac.</summary>
    public FixtureDistribution Release(string version, params (string Component, string Image)[] components)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, "flux", version)).FullName;
        foreach (var (component, image) in components)
        {
            System.IO.File.WriteAllText(Path.Combine(directory, component + ".yaml"), Manifest(component, image));
        }

        System.IO.File.WriteAllText(Path.Combine(directory, "policies.yaml"), "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-egress\n");
        System.IO.File.WriteAllText(Path.Combine(directory, "rbac.yaml"), "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: critical-pods\n");
        return this;
    }

    public FixtureDistribution ImageList(string version, string variant, params (string Name, string Tag, string Digest)[] images)
    {
        var lines = images.Select(i => $"  - name: {i.Name}\n    newTag: {i.Tag}\n    digest: {i.Digest}\n");
        return File(Path.Combine("flux-images", version, variant + ".yaml"), "images:\n" + string.Concat(lines));
    }

    public FixtureDistribution File(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return this;
    }

    public FixtureDistribution Folder(string relativePath)
    {
        Directory.CreateDirectory(Path.Combine(Root, relativePath));
        return this;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public static string Manifest(string component, string image) => $"""
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: {component}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {component}
        spec:
          template:
            spec:
              containers:
              - name: manager
                image: {image}
        """;
}
