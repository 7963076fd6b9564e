using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// <c>create secret basic-auth|registry|tls|ssh|proxy|githubapp|sops NAME</c>: the Secrets Flux reads, with upstream's
/// types and keys; applied server-side, or printed with <c>--export</c> without touching a cluster. Values read from
/// stdin are taken whole (spaces kept), only the trailing newline removed.
/// </summary>
internal static partial class CreateSecretCommands
{
    private static readonly ResourceType Secrets = new("", "v1", "Secret", "secrets", true);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static Command Create(ClusterFlags flags)
    {
        var secret = new Command("secret", "Create or export a Secret in the shape Flux reads.")
        {
            BasicAuth(flags), Registry(flags), Tls(flags), Ssh(flags), Proxy(flags), GitHubApp(flags), Sops(flags),
        };
        var create = new Command("create", "Create objects Flux needs.") { secret };
        flags.AddTo(create);
        return create;
    }

    private static Command BasicAuth(ClusterFlags flags)
    {
        var username = new Option<string>("--username") { Description = "The user name (required).", Required = true };
        var (password, passwordStdin) = PasswordOptions();
        return Define(flags, "basic-auth", "A kubernetes.io/basic-auth Secret (username, password).", [username, password, passwordStdin], (parseResult, secret, stdin) =>
        {
            secret.Type = "kubernetes.io/basic-auth";
            secret.Add("username", parseResult.GetValue(username)!)
                .Add("password", Password(parseResult, password, passwordStdin, stdin) ?? throw new CliException("--password or --password-stdin is required"));
        });
    }

    private static Command Registry(ClusterFlags flags)
    {
        var server = new Option<string>("--server") { Description = "The registry host, e.g. ghcr.io (required).", Required = true };
        var username = new Option<string>("--username") { Description = "The user name (required).", Required = true };
        var (password, passwordStdin) = PasswordOptions();
        return Define(flags, "registry", "A kubernetes.io/dockerconfigjson Secret for an OCI registry.", [server, username, password, passwordStdin], (parseResult, secret, stdin) =>
        {
            var user = parseResult.GetValue(username)!;
            var pass = Password(parseResult, password, passwordStdin, stdin) ?? throw new CliException("--password or --password-stdin is required");
            var auths = new JsonObject
            {
                ["auths"] = new JsonObject
                {
                    [parseResult.GetValue(server)!] = new JsonObject
                    {
                        ["username"] = user, ["password"] = pass, ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{pass}")),
                    },
                },
            };
            secret.Type = "kubernetes.io/dockerconfigjson";
            secret.Add(".dockerconfigjson", auths.ToJsonString(Indented));
        });
    }

    private static Command Tls(ClusterFlags flags)
    {
        var crt = new Option<string?>("--tls-crt-file") { Description = "PEM certificate (with --tls-key-file)." };
        var key = new Option<string?>("--tls-key-file") { Description = "PEM private key of the certificate." };
        var ca = new Option<string?>("--ca-crt-file") { Description = "PEM certificate authority." };
        return Define(flags, "tls", "A kubernetes.io/tls Secret (tls.crt, tls.key, ca.crt), or an Opaque one with ca.crt only.", [crt, key, ca], (parseResult, secret, _) =>
        {
            var (crtPath, keyPath, caPath) = (parseResult.GetValue(crt), parseResult.GetValue(key), parseResult.GetValue(ca));
            if ((crtPath is null) != (keyPath is null))
            {
                throw new CliException("--tls-crt-file and --tls-key-file must be given together");
            }

            if (crtPath is null && caPath is null)
            {
                throw new CliException("--tls-crt-file with --tls-key-file, or --ca-crt-file, is required");
            }

            secret.Type = "Opaque";
            if (crtPath is not null)
            {
                var (certificate, privateKey) = (ReadFile("--tls-crt-file", crtPath), ReadFile("--tls-key-file", keyPath!));
                try
                {
                    using var pair = X509Certificate2.CreateFromPem(certificate, privateKey);
                }
                catch (CryptographicException e)
                {
                    throw new CliException($"invalid TLS certificate and key pair: {e.Message}");
                }

                secret.Type = "kubernetes.io/tls";
                secret.Add("tls.crt", certificate).Add("tls.key", privateKey);
            }

            if (caPath is not null)
            {
                secret.Add("ca.crt", ReadFile("--ca-crt-file", caPath));
            }
        });
    }

    private static Command Ssh(ClusterFlags flags)
    {
        var privateKey = new Option<string>("--private-key-file") { Description = "The SSH private key (required).", Required = true };
        var knownHosts = new Option<string>("--knownhosts-file") { Description = "known_hosts with the server's keys (required).", Required = true };
        var publicKey = new Option<string?>("--public-key-file") { Description = "The SSH public key." };
        var (password, passwordStdin) = PasswordOptions("The private key's passphrase.");
        return Define(flags, "ssh", "An Opaque Secret for Git over SSH (identity, known_hosts, identity.pub, password).", [privateKey, knownHosts, publicKey, password, passwordStdin], (parseResult, secret, stdin) =>
        {
            secret.Add("identity", ReadFile("--private-key-file", parseResult.GetValue(privateKey)!))
                .Add("known_hosts", ReadFile("--knownhosts-file", parseResult.GetValue(knownHosts)!));
            if (parseResult.GetValue(publicKey) is { } pub)
            {
                secret.Add("identity.pub", ReadFile("--public-key-file", pub));
            }

            if (Password(parseResult, password, passwordStdin, stdin) is { } pass)
            {
                secret.Add("password", pass);
            }
        });
    }

    private static Command Proxy(ClusterFlags flags)
    {
        var address = new Option<string>("--address") { Description = "The proxy URL, e.g. http://proxy:3128 (required).", Required = true };
        var username = new Option<string?>("--username") { Description = "The proxy user." };
        var (password, passwordStdin) = PasswordOptions();
        return Define(flags, "proxy", "An Opaque Secret for an HTTP/S proxy (address, username, password).", [address, username, password, passwordStdin], (parseResult, secret, stdin) =>
        {
            var url = parseResult.GetValue(address)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
            {
                throw new CliException($"invalid --address \"{url}\": write a URL such as http://proxy.example.com:3128");
            }

            secret.Add("address", url);
            if (parseResult.GetValue(username) is { } user)
            {
                secret.Add("username", user);
            }

            if (Password(parseResult, password, passwordStdin, stdin) is { } pass)
            {
                secret.Add("password", pass);
            }
        });
    }

    private static Command GitHubApp(ClusterFlags flags)
    {
        var appId = new Option<string>("--app-id") { Description = "The GitHub App ID (required).", Required = true };
        var privateKey = new Option<string>("--app-private-key-file") { Description = "The App's PEM private key (required).", Required = true };
        var installationId = new Option<string?>("--app-installation-id") { Description = "The installation ID (or --app-installation-owner)." };
        var installationOwner = new Option<string?>("--app-installation-owner") { Description = "The installation's owner (or --app-installation-id)." };
        var baseUrl = new Option<string?>("--app-base-url") { Description = "The GitHub Enterprise API URL." };
        return Define(flags, "githubapp", "An Opaque Secret with GitHub App credentials.", [appId, privateKey, installationId, installationOwner, baseUrl], (parseResult, secret, _) =>
        {
            var (id, owner) = (parseResult.GetValue(installationId), parseResult.GetValue(installationOwner));
            if ((id is null) == (owner is null))
            {
                throw new CliException("exactly one of --app-installation-id or --app-installation-owner must be specified");
            }

            secret.Add("githubAppID", parseResult.GetValue(appId)!).Add("githubAppPrivateKey", ReadFile("--app-private-key-file", parseResult.GetValue(privateKey)!));
            if (id is not null)
            {
                secret.Add("githubAppInstallationID", id);
            }
            else
            {
                secret.Add("githubAppInstallationOwner", owner!);
            }

            if (parseResult.GetValue(baseUrl) is { } url)
            {
                secret.Add("githubAppBaseURL", url);
            }
        });
    }

    private static Command Sops(ClusterFlags flags)
    {
        var ageFiles = new Option<string[]>("--age-key-file") { Description = "An age private key file; repeatable." };
        var gpgFiles = new Option<string[]>("--gpg-key-file") { Description = "A GPG private key file; repeatable." };
        var ageStdin = new Option<bool>("--age-key-stdin") { Description = "Read an age private key from stdin." };
        var gpgStdin = new Option<bool>("--gpg-key-stdin") { Description = "Read a GPG private key from stdin." };
        return Define(flags, "sops", "An Opaque Secret with SOPS decryption keys (<adler32>.agekey, <adler32>.asc).", [ageFiles, gpgFiles, ageStdin, gpgStdin], (parseResult, secret, stdin) =>
        {
            if (parseResult.GetValue(ageStdin) && parseResult.GetValue(gpgStdin))
            {
                throw new CliException("only one of --age-key-stdin or --gpg-key-stdin can be specified");
            }

            var keys = new List<(string Key, string Extension)>();
            keys.AddRange((parseResult.GetValue(ageFiles) ?? []).Select(f => (ReadFile("--age-key-file", f), "agekey")));
            keys.AddRange((parseResult.GetValue(gpgFiles) ?? []).Select(f => (ReadFile("--gpg-key-file", f), "asc")));
            if (parseResult.GetValue(ageStdin) || parseResult.GetValue(gpgStdin))
            {
                keys.Add((Stdin(stdin, "key"), parseResult.GetValue(ageStdin) ? "agekey" : "asc"));
            }

            if (keys.Count == 0)
            {
                throw new CliException("at least one of --age-key-file, --gpg-key-file, --age-key-stdin or --gpg-key-stdin is required");
            }

            foreach (var (key, extension) in keys)
            {
                secret.Add($"{Adler32(Encoding.UTF8.GetBytes(key)).ToString(CultureInfo.InvariantCulture)}.{extension}", key);
            }
        });
    }

    /// <summary>A subcommand with the name argument, the common flags (labels, annotations, immutable, export) and its own flags.</summary>
    private static Command Define(ClusterFlags flags, string type, string description, Option[] options, Action<ParseResult, SecretManifest, TextReader> build)
    {
        var name = new Argument<string>("name") { Description = "The Secret's name." };
        var labels = new Option<string[]>("--label") { Description = "key=value labels, comma-separated or repeated.", AllowMultipleArgumentsPerToken = false };
        var annotations = new Option<string[]>("--annotation") { Description = "key=value annotations, comma-separated or repeated." };
        var immutable = new Option<bool>("--immutable") { Description = "Make the Secret immutable (default false)." };
        var export = new Option<bool>("--export") { Description = "Print the Secret as YAML instead of applying it (needs no cluster)." };
        var command = new Command(type, description) { name, labels, annotations, immutable, export };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        SecretManifest Build(ParseResult parseResult, string ns)
        {
            var secret = new SecretManifest(parseResult.GetValue(name)!, ns, "Opaque") { Immutable = parseResult.GetValue(immutable) };
            foreach (var (key, value) in Pairs(parseResult.GetValue(labels)))
            {
                if (!QualifiedName().IsMatch(key) || !LabelValue().IsMatch(value))
                {
                    throw new CliException($"invalid label '{key}={value}': keys are qualified names, values at most 63 letters, digits, '-', '_' or '.'");
                }

                secret.Labels[key] = value;
            }

            foreach (var (key, value) in Pairs(parseResult.GetValue(annotations)))
            {
                if (!QualifiedName().IsMatch(key))
                {
                    throw new CliException($"invalid annotation key '{key}': write a qualified name such as example.com/owner");
                }

                secret.Annotations[key] = value;
            }

            build(parseResult, secret, Console.In);
            return secret;
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(export))
            {
                try
                {
                    var secret = Build(parseResult, parseResult.GetValue(flags.Namespace) ?? "default");
                    await parseResult.InvocationConfiguration.Output.WriteAsync(secret.Export());
                    return 0;
                }
                catch (CliException e)
                {
                    return await CliOutput.FailAsync(parseResult.InvocationConfiguration.Error, e.Message);
                }
            }

            return await ClusterAction.RunAsync(flags, parseResult, cancellationToken, async (session, stdout, token) =>
            {
                var secret = Build(parseResult, session.Namespace);
                await session.Client.ApplyAsync(Secrets, secret.ToObject(data: true), new ApplyOptions(ClusterFlags.FieldManager, Force: true), token);
                await stdout.WriteLineAsync($"{CliOutput.Success} Secret {secret.Namespace}/{secret.Name} applied successfully");
                return 0;
            });
        });
        return command;
    }

    private static (Option<string?> Password, Option<bool> Stdin) PasswordOptions(string description = "The password.") =>
        (new Option<string?>("--password") { Description = description + " Prefer --password-stdin: arguments show in the process list." },
         new Option<bool>("--password-stdin") { Description = "Read the password from stdin, whole (spaces kept; the trailing newline removed)." });

    /// <summary>The password from the flag or stdin; null when neither was given.</summary>
    private static string? Password(ParseResult parseResult, Option<string?> password, Option<bool> passwordStdin, TextReader stdin)
    {
        var given = parseResult.GetValue(password);
        if (!parseResult.GetValue(passwordStdin))
        {
            return given;
        }

        return given is not null
            ? throw new CliException("only one of --password or --password-stdin can be specified")
            : Stdin(stdin, "password");
    }

    // Bounded: a secret value is small; a runaway pipe must not exhaust memory.
    private static string Stdin(TextReader stdin, string what)
    {
        const int limit = 1024 * 1024;
        var buffer = new char[limit + 1];
        var read = stdin.ReadBlock(buffer, 0, buffer.Length);
        if (read > limit)
        {
            throw new CliException($"{what} read from stdin is larger than 1 MiB");
        }

        var value = new string(buffer, 0, read);
        value = value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2] : value.EndsWith('\n') ? value[..^1] : value;
        return value.Length == 0 ? throw new CliException($"{what} read from stdin is empty") : value;
    }

    private static string ReadFile(string flag, string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > 1024 * 1024)
            {
                throw new CliException($"unable to read {flag} '{path}': larger than 1 MiB");
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"unable to read {flag} '{path}': {e.Message}");
        }
    }

    private static IEnumerable<(string Key, string Value)> Pairs(string[]? values)
    {
        foreach (var item in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var at = item.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new CliException($"invalid format '{item}', must be key=value");
            }

            yield return (item[..at], item[(at + 1)..]);
        }
    }

    /// <summary>The Adler-32 checksum (RFC 1950) SOPS key names are made of.</summary>
    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint modulus = 65521;
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % modulus;
            b = (b + a) % modulus;
        }

        return (b << 16) | a;
    }

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
