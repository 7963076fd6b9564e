using System.Net;

namespace KubeApiEmulator.Tests.TestSupport;

/// <summary>Starts an emulator with the widget CRD installed and a raw HTTP client.</summary>
public static class Emulator
{
    /// <summary>Starts a server (and a client for it); installs the widget CRD when asked.</summary>
    public static async Task<(KubeApiServer Server, ApiCall Api)> Start(bool widgets = false, KubeApiServerOptions? options = null)
    {
        var server = await KubeApiServer.StartAsync(options);
        var api = new ApiCall(server.Url);
        if (widgets)
        {
            var (code, _) = await api.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Manifests.WidgetCrd);
            Assert.Equal(HttpStatusCode.Created, code);
        }

        return (server, api);
    }
}
