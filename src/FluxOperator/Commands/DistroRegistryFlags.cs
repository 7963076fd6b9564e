using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Commands;

/// <summary>The registry flags shared by <c>distro pull</c> and <c>distro push</c>, spelled as oras spells them.</summary>
internal sealed class DistroRegistryFlags
{
    public Option<bool> PlainHttp { get; } = new("--plain-http") { Description = "Talk plain HTTP instead of HTTPS (local or test registries only)." };

    public Option<FileInfo?> CaFile { get; } = new("--ca-file") { Description = "PEM file with extra CA certificates trusted for the registry's TLS." };

    public Option<string?> Username { get; } = new("--username", "-u") { Description = "Registry username (with --password)." };

    public Option<string?> Password { get; } = new("--password", "-p") { Description = "Registry password or token (with --username)." };

    public Option<FileInfo?> DockerConfig { get; } = new("--docker-config") { Description = "Docker config JSON with credentials (a .dockerconfigjson). Default: $DOCKER_CONFIG/config.json or ~/.docker/config.json when present." };

    public Option<TimeSpan> Timeout { get; } = new("--timeout")
    {
        Description = "Budget of the whole transfer, a Go duration such as 30s or 5m (default 5m).",
        DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
        CustomParser = ParseDuration,
    };

    /// <summary>The budget as the messages write it: <c>5m</c>, <c>30s</c>.</summary>
    public string TimeoutText(ParseResult parseResult) =>
        Controllers.Rendering.GoDuration.Format(parseResult.GetValue(Timeout).Ticks * 100);

    private static TimeSpan ParseDuration(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Controllers.Rendering.GoDuration.TryParse(text, out var nanoseconds) && nanoseconds > 0)
        {
            return TimeSpan.FromTicks(nanoseconds / 100);
        }

        // hh:mm:ss is still taken, as earlier releases documented it.
        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        result.AddError($"invalid --timeout \"{text}\": write a duration such as 30s, 5m or 1h");
        return default;
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { PlainHttp, CaFile, Username, Password, DockerConfig, Timeout })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var user = result.GetValue(Username);
            var password = result.GetValue(Password);
            if ((user is null) != (password is null))
            {
                result.AddError("--username and --password go together");
            }

            if (user is not null && result.GetValue(DockerConfig) is not null)
            {
                result.AddError("use either --username/--password or --docker-config");
            }
        });
    }

    public OciClientOptions ClientOptions(ParseResult parseResult)
    {
        X509Certificate2Collection? roots = null;
        if (parseResult.GetValue(CaFile) is { } caFile)
        {
            roots = [];
            roots.ImportFromPemFile(caFile.FullName);
            if (roots.Count == 0)
            {
                throw new FormatException($"{caFile.FullName} holds no PEM certificate");
            }
        }

        return new OciClientOptions { PlainHttp = parseResult.GetValue(PlainHttp), CaCertificates = roots };
    }

    public async Task<RegistryCredentials> CredentialsAsync(ParseResult parseResult, OciReference reference, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Username) is { } user)
        {
            return RegistryCredentials.ForRegistry(reference.Registry, user, parseResult.GetValue(Password)!);
        }

        if (parseResult.GetValue(DockerConfig) is { } file)
        {
            return await Controllers.Distribution.Oci.DockerConfig.LoadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }

        var home = Environment.GetEnvironmentVariable("DOCKER_CONFIG") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var defaultFile = Path.Combine(home, "config.json");
        return File.Exists(defaultFile)
            ? await Controllers.Distribution.Oci.DockerConfig.LoadAsync(defaultFile, cancellationToken).ConfigureAwait(false)
            : RegistryCredentials.Anonymous;
    }

    /// <summary>
    /// Runs one transfer against the registry of <paramref name="url"/> with these flags: credentials, TLS and the
    /// time budget set up; every expected failure ends as one <c>error:</c> line and exit code 1.
    /// </summary>
    public async Task<int> TransferAsync(ParseResult parseResult, string url, string verb, Func<OciRegistryClient, OciReference, CancellationToken, Task<int>> transfer, CancellationToken cancellationToken)
    {
        var stderr = parseResult.InvocationConfiguration.Error;
        try
        {
            var reference = OciReference.Parse(url);
            var options = ClientOptions(parseResult);
            var credentials = await CredentialsAsync(parseResult, reference, cancellationToken).ConfigureAwait(false);
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(parseResult.GetValue(Timeout));
            using var http = OciRegistryClient.CreateHttpClient(options);
            var client = new OciRegistryClient(reference.Registry, http, credentials, options, TimeProvider.System);
            return await transfer(client, reference, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArtifactException or OciException or FormatException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
                                      or System.Text.Json.JsonException or YamlDotNet.Core.YamlException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"error: {verb} did not finish within {TimeoutText(parseResult)}").ConfigureAwait(false);
            return 1;
        }
    }
}
