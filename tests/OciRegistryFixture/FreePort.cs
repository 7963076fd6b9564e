using System.Net;
using System.Net.Sockets;

namespace OciRegistryFixture;

/// <summary>Picks a TCP port on 127.0.0.1 that nothing listens on right now.</summary>
public static class FreePort
{
    /// <summary>A port the OS considered free a moment ago (the caller retries when it loses the race).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
