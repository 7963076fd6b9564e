using System.CommandLine;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary>One Flux object a verb acts on: its kind, namespace and name.</summary>
internal sealed record ObjectTarget(FluxKind Kind, string Namespace, string Name)
{
    /// <summary><c>Kind/namespace/name</c>, as messages name an object.</summary>
    public override string ToString() => $"{Kind.Kind}/{Namespace}/{Name}";

    /// <summary>Reads the object; fails with <c>Kind/ns/name not found</c> when it does not exist.</summary>
    public async Task<JsonObject> ReadAsync(ClusterSession session, CancellationToken cancellationToken)
    {
        JsonObject? current;
        try
        {
            current = await session.Client.GetAsync(Kind.Type, Namespace, Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            throw new CliException($"unable to read {this} error: {e.Message}");
        }

        return current ?? throw new CliException($"{this} not found");
    }

    /// <summary>Merge-patches annotations (a null value removes one) and, when given, <c>spec</c> fields; the object must exist.</summary>
    public async Task AnnotateAsync(ClusterSession session, JsonObject annotations, CancellationToken cancellationToken, JsonObject? spec = null)
    {
        await ReadAsync(session, cancellationToken).ConfigureAwait(false);
        try
        {
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
            if (spec is not null)
            {
                patch["spec"] = spec;
            }

            await session.Client.PatchAsync(Kind.Type, Namespace, Name, PatchType.Merge, patch, ClusterFlags.FieldManager, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            throw new CliException($"unable to annotate {this} error: {e.Message}");
        }
    }
}

/// <summary>
/// The object a verb's subcommand names: <c>instance NAME</c>, <c>resourceset NAME</c> (<c>rset</c>),
/// <c>inputprovider NAME</c> (<c>rsip</c>) or <c>resource KIND/NAME</c> (any Flux kind or its short name).
/// </summary>
internal sealed class TargetCommand
{
    private readonly Argument<string> _name;
    private readonly FluxKind? _kind;

    private TargetCommand(Command command, Argument<string> name, FluxKind? kind, string noun)
    {
        Command = command;
        _name = name;
        _kind = kind;
        Noun = noun;
    }

    public Command Command { get; }

    /// <summary>How messages call the kind: <c>instance</c>, <c>resourceset</c>, <c>inputprovider</c> or <c>resource</c>.</summary>
    public string Noun { get; }

    /// <summary>True for <c>resource KIND/NAME</c>.</summary>
    public bool IsResource => _kind is null;

    /// <summary>The four subcommands of a verb, each described by <paramref name="describe"/> (given the kind's display name).</summary>
    public static IReadOnlyList<TargetCommand> All(Func<string, string> describe, bool includeResource = true)
    {
        var targets = new List<TargetCommand>
        {
            Of("instance", FluxKinds.Instance, describe("a FluxInstance"), ["instances"]),
            Of("resourceset", FluxKinds.ResourceSet, describe("a ResourceSet"), ["rset", "resourcesets"]),
            Of("inputprovider", FluxKinds.InputProvider, describe("a ResourceSetInputProvider"), ["rsip", "resourcesetinputprovider"]),
        };
        if (includeResource)
        {
            var name = new Argument<string>("kind/name") { Description = "The object as KIND/NAME; the kind may be its short name (HelmRelease/podinfo, hr/podinfo)." };
            targets.Add(new TargetCommand(new Command("resource", describe("any Flux object")) { name }, name, null, "resource"));
        }

        return targets;
    }

    private static TargetCommand Of(string noun, FluxKind kind, string description, string[] aliases)
    {
        var name = new Argument<string>("name") { Description = $"The {kind.Kind}'s name." };
        var command = new Command(noun, description) { name };
        foreach (var alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        return new TargetCommand(command, name, kind, noun);
    }

    /// <summary>
    /// The object the command line names. Instances default to the namespace of the only FluxInstance (said on stdout);
    /// everything else to <c>-n</c> or the context's namespace.
    /// </summary>
    public async Task<ObjectTarget> ResolveAsync(ClusterSession session, ParseResult parseResult, TextWriter stdout, CancellationToken cancellationToken)
    {
        var text = parseResult.GetValue(_name)!;
        if (_kind is null)
        {
            var parts = text.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new CliException("resource name must be in the format <kind>/<name>, e.g., HelmRelease/my-app");
            }

            var kind = FluxKinds.Find(parts[0]) ?? throw new CliException($"unable to get gvk for kind {parts[0]} : not a Flux kind or short name");
            if (kind == FluxKinds.Instance)
            {
                return await InstanceAsync(session, parts[1], stdout, cancellationToken).ConfigureAwait(false);
            }

            return new ObjectTarget(await FluxKinds.ServedAsync(session, kind, cancellationToken).ConfigureAwait(false), session.Namespace, parts[1]);
        }

        return _kind == FluxKinds.Instance
            ? await InstanceAsync(session, text, stdout, cancellationToken).ConfigureAwait(false)
            : new ObjectTarget(_kind, session.Namespace, text);
    }

    private static async Task<ObjectTarget> InstanceAsync(ClusterSession session, string name, TextWriter stdout, CancellationToken cancellationToken)
    {
        var (ns, reason) = await session.InstanceNamespaceAsync(cancellationToken).ConfigureAwait(false);
        if (!session.NamespaceGiven)
        {
            await stdout.WriteLineAsync($"{CliOutput.Waiting} Using namespace {ns} ({reason})").ConfigureAwait(false);
        }

        return new ObjectTarget(FluxKinds.Instance, ns, name);
    }
}
