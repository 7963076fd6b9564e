using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FluxOperator.Controllers.Distribution.Oci;

// Registry auth: answer a 401 challenge once per request, remember the result per scope.
public sealed partial class OciRegistryClient
{
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);

    private string ScopeFor(RegistryRequest request) =>
        request.Repository.Length == 0 ? "" : $"repository:{request.Repository}:{request.Actions}";

    private string? AuthorizationFor(RegistryRequest request)
    {
        lock (_tokensLock)
        {
            if (_tokens.TryGetValue(ScopeFor(request), out var token) && token.Expires > _time.GetUtcNow())
            {
                return token.Header;
            }
        }

        return _basicHeader;
    }

    // True when the request should be sent again with new credentials.
    private async Task<bool> AuthenticateAsync(IReadOnlyList<AuthChallenge> challenges, RegistryRequest request, CancellationToken cancellationToken)
    {
        var credential = _credentials.Find(Registry, request.Repository);
        if (challenges.FirstOrDefault(c => c.IsBearer) is { } bearer && bearer["realm"] is { Length: > 0 } realm)
        {
            var scope = bearer["scope"] ?? ScopeFor(request);
            var (token, lifetime) = await FetchTokenAsync(realm, bearer["service"], scope, credential, request, cancellationToken).ConfigureAwait(false);
            lock (_tokensLock)
            {
                // Refresh a little early so a token never expires between check and use.
                _tokens[ScopeFor(request)] = ($"Bearer {token}", _time.GetUtcNow() + lifetime - TimeSpan.FromSeconds(Math.Min(10, lifetime.TotalSeconds / 2)));
            }

            LogTokenFetched(_logger, Registry, scope, credential is null);
            return true;
        }

        if (challenges.Any(c => c.IsBasic) && credential is not null && _basicHeader is null)
        {
            _basicHeader = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}"));
            return true;
        }

        return false;
    }

    private async Task<(string Token, TimeSpan Lifetime)> FetchTokenAsync(string realm, string? service, string scope, RegistryCredential? credential, RegistryRequest request, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || realmUri.Scheme is not ("http" or "https"))
        {
            throw new OciException(OciFailure.InvalidResponse, "GET token", Registry, request.Repository, request.Subject, $"bearer realm \"{realm}\" is not an http(s) URL");
        }

        var query = new List<string>();
        if (!string.IsNullOrEmpty(service))
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        if (scope.Length > 0)
        {
            query.Add("scope=" + Uri.EscapeDataString(scope));
        }

        HttpRequestMessage Build()
        {
            HttpRequestMessage message;
            if (credential?.IdentityToken is { } refreshToken)
            {
                // An identity token is an OAuth2 refresh token: exchange it with a form POST.
                message = new HttpRequestMessage(HttpMethod.Post, realmUri)
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "refresh_token",
                        ["refresh_token"] = refreshToken,
                        ["service"] = service ?? "",
                        ["scope"] = scope,
                        ["client_id"] = OperatorInfo.Name,
                    }),
                };
            }
            else
            {
                var builder = new UriBuilder(realmUri) { Query = string.Join('&', new[] { realmUri.Query.TrimStart('?') }.Where(q => q.Length > 0).Concat(query)) };
                message = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
                if (credential is not null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}")));
                }
            }

            message.Headers.UserAgent.ParseAdd(_options.UserAgent);
            return message;
        }

        var step = credential?.IdentityToken is null ? "GET token" : "POST token";
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var message = Build();
            HttpResponseMessage response;
            try
            {
                // Headers first: the body is read below under the size cap, never buffered whole by HttpClient.
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                await BackOffOrThrowAsync(request, attempt, _options.MaxAttempts, new OciException(OciFailure.Timeout, step, Registry, request.Repository, request.Subject, $"token endpoint {realmUri.Authority} timed out", innerException: e), null, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException e)
            {
                await BackOffOrThrowAsync(request, attempt, _options.MaxAttempts, new OciException(OciFailure.Unreachable, step, Registry, request.Repository, request.Subject, $"token endpoint {realmUri.Authority}: {Describe(e)}", innerException: e), null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (RedirectFailure(response) is { } redirect)
                {
                    throw new OciException(OciFailure.InvalidResponse, step, Registry, request.Repository, request.Subject, $"token endpoint {realmUri.Authority}: {redirect}", response.StatusCode);
                }

                if (!response.IsSuccessStatusCode)
                {
                    var failure = new OciException(OciFailure.Http, step, Registry, request.Repository, request.Subject, $"token endpoint {realmUri.Authority} answered {(int)response.StatusCode} {response.ReasonPhrase}", response.StatusCode);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                    {
                        await BackOffOrThrowAsync(request, attempt, _options.MaxAttempts, failure, response.Headers.RetryAfter, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw failure;
                }

                byte[] body;
                try
                {
                    body = await ReadLimitedAsync(response.Content, 1 << 20, "token response", linked.Token).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    throw new OciException(OciFailure.InvalidResponse, step, Registry, request.Repository, request.Subject, e.Message, innerException: e);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new OciException(OciFailure.Timeout, step, Registry, request.Repository, request.Subject, $"token response did not finish within {_options.RequestTimeout.TotalSeconds:0.###}s", innerException: e);
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    throw new OciException(OciFailure.Unreachable, step, Registry, request.Repository, request.Subject, $"token endpoint {realmUri.Authority}: {e.Message}", innerException: e);
                }

                TokenResponse? parsed = null;
                try
                {
                    parsed = JsonSerializer.Deserialize(body, OciJsonContext.Default.TokenResponse);
                }
                catch (JsonException)
                {
                    // Reported below as a missing token.
                }

                var token = parsed?.Token is { Length: > 0 } t ? t : parsed?.AccessToken;
                if (string.IsNullOrEmpty(token))
                {
                    throw new OciException(OciFailure.InvalidResponse, step, Registry, request.Repository, request.Subject, $"token endpoint {realmUri.Authority} returned no token");
                }

                var lifetime = parsed!.ExpiresIn is { } seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : DefaultTokenLifetime;
                return (token, lifetime);
            }
        }
    }
}
