using System.Text.Json.Nodes;

namespace KubeApiEmulator.Tests.TestSupport;

/// <summary>Reads a raw watch stream line by line.</summary>
public sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>Opens a watch at <paramref name="path"/> (query included).</summary>
    public static async Task<WatchReader> Open(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        return new WatchReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event, or null when the stream ended.</summary>
    public async Task<JsonObject?> Next(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var line = await _reader.ReadLineAsync(cts.Token);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>The next event that is not a BOOKMARK.</summary>
    public async Task<JsonObject?> NextChange()
    {
        while (await Next() is { } e)
        {
            if (e["type"]?.ToString() != "BOOKMARK")
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Closes the stream.</summary>
    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
