namespace KubeApiEmulator.Tests.TestSupport;

/// <summary>Small hand-written objects the tests share.</summary>
public static class Manifests
{
    /// <summary>A namespaced CRD <c>widgets.example.com</c> with a status subresource, served at v1.</summary>
    public const string WidgetCrd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced",
           "names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList","shortNames":["wd"]},
           "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
             "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """;

    /// <summary>The widget collection path in namespace <paramref name="ns"/>.</summary>
    public static string Widgets(string ns = "default") => $"/apis/example.com/v1/namespaces/{ns}/widgets";

    /// <summary>A widget body.</summary>
    public static string Widget(string name, string spec = """{"size":1}""", string labels = "{}") =>
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels + "},\"spec\":" + spec + "}";

    /// <summary>A Deployment with containers <c>c</c> and <c>d</c>.</summary>
    public static string Deployment(string name, int replicas = 1) => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},
         "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"NAME"}},
           "template":{"metadata":{"labels":{"app":"NAME"}},
             "spec":{"containers":[{"name":"c","image":"img:1","env":[{"name":"A","value":"1"}]},{"name":"d","image":"other:1"}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
