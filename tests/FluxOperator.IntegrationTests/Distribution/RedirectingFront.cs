using System.Net;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Distribution;

/// <summary>An HTTP front that answers every request with 307 to the same path on the real registry (like blob storage redirects).</summary>
internal sealed class RedirectingFront : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _redirects;

    public RedirectingFront(string target)
    {
        var port = FreePort.Next();
        Host = $"127.0.0.1:{port}";
        _listener.Prefixes.Add($"http://{Host}/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Interlocked.Increment(ref _redirects);
                context.Response.StatusCode = (int)HttpStatusCode.TemporaryRedirect;
                context.Response.RedirectLocation = $"http://{target}{context.Request.RawUrl}";
                context.Response.Close();
            }
        });
    }

    public string Host { get; }

    public int Redirects => Volatile.Read(ref _redirects);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
