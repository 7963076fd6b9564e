using System.Net;
using System.Text;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Distribution;

/// <summary>How a <see cref="HostilePeer"/> misbehaves.</summary>
internal enum HostileBehaviour
{
    /// <summary>Every request is redirected to itself.</summary>
    RedirectLoop,

    /// <summary>Asks for a bearer token, then answers the token request with an endless body.</summary>
    EndlessTokenBody,

    /// <summary>Sends manifest headers, then one byte now and then, forever.</summary>
    TricklingManifest,

    /// <summary>Answers the manifest request with text that is not JSON.</summary>
    InvalidJsonManifest,
}

/// <summary>A registry on 127.0.0.1 that misbehaves in one <see cref="HostileBehaviour"/>.</summary>
internal sealed class HostilePeer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HostileBehaviour _behaviour;

    public HostilePeer(HostileBehaviour behaviour)
    {
        _behaviour = behaviour;
        Host = $"127.0.0.1:{FreePort.Next()}";
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

                _ = Task.Run(() => AnswerAsync(context));
            }
        });
    }

    public string Host { get; }

    /// <summary>Bytes of endless bodies written so far (the client stops reading at its cap).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    private long _bytesSent;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        var path = context.Request.Url!.AbsolutePath;
        try
        {
            switch (_behaviour)
            {
                case HostileBehaviour.RedirectLoop:
                    response.StatusCode = (int)HttpStatusCode.TemporaryRedirect;
                    response.RedirectLocation = $"http://{Host}{context.Request.RawUrl}";
                    break;
                case HostileBehaviour.EndlessTokenBody when path == "/token":
                    await EndlessAsync(response, "{\"token\":\"");
                    return;
                case HostileBehaviour.EndlessTokenBody:
                    response.StatusCode = (int)HttpStatusCode.Unauthorized;
                    response.AddHeader("WWW-Authenticate", $"Bearer realm=\"http://{Host}/token\",service=\"hostile\"");
                    break;
                case HostileBehaviour.TricklingManifest when path.Contains("/manifests/", StringComparison.Ordinal):
                    response.ContentType = "application/vnd.oci.image.manifest.v1+json";
                    response.SendChunked = true;
                    while (!_stop.IsCancellationRequested)
                    {
                        await response.OutputStream.WriteAsync(" "u8.ToArray(), _stop.Token);
                        await response.OutputStream.FlushAsync(_stop.Token);
                        Interlocked.Increment(ref _bytesSent);
                        await Task.Delay(200, _stop.Token);
                    }

                    return;
                case HostileBehaviour.InvalidJsonManifest when path.Contains("/manifests/", StringComparison.Ordinal):
                    response.ContentType = "application/vnd.oci.image.manifest.v1+json";
                    await response.OutputStream.WriteAsync("{\"schemaVersion\": 2, \"config\": [}"u8.ToArray());
                    break;
                default:
                    response.StatusCode = 200; // GET /v2/
                    break;
            }

            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The client hung up: that is what a bounded client does.
        }
    }

    private async Task EndlessAsync(HttpListenerResponse response, string prefix)
    {
        response.ContentType = "application/json";
        response.SendChunked = true;
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(prefix), _stop.Token);
        var chunk = Encoding.ASCII.GetBytes(new string('x', 64 << 10));
        while (!_stop.IsCancellationRequested && BytesSent < 64L << 20)
        {
            await response.OutputStream.WriteAsync(chunk, _stop.Token);
            Interlocked.Add(ref _bytesSent, chunk.Length);
        }

        response.Close();
    }
}
