using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The history digest of a spec that failed to build: <c>sha256:</c> of the spec exactly as the Go operator encodes it
/// (Go's <c>json.Marshal</c> of its <c>FluxInstanceSpec</c> struct), so a history written by the Go operator and one
/// continued by us keep one snapshot per spec instead of splitting when the operator is replaced.
/// </summary>
/// <remarks>
/// The Go encoding differs from ours in ways that change the bytes: fields come in the Go struct's order; a field
/// tagged <c>omitempty</c> is left out when it is the zero value (empty string, false, nil/empty list or map, nil
/// pointer) while untagged fields are always written (<c>networkPolicy: false</c>, <c>shards: null</c>); map keys are
/// sorted; <c>sync.interval</c> is a <c>metav1.Duration</c> and prints in Go form (<c>1m</c> → <c>1m0s</c>); strings
/// escape <c>&lt; &gt; &amp;</c>, U+2028/U+2029 and control characters as Go does. The field order is written down in
/// <c>docs/go-spec-encoding.md</c>.
/// </remarks>
public static class SpecDigest
{
    /// <summary><c>sha256:&lt;hex&gt;</c> of <see cref="GoJson"/>.</summary>
    public static string Of(FluxInstanceSpec spec) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GoJson(spec))));

    /// <summary>The spec as Go's <c>json.Marshal</c> writes the Go operator's struct: compact, struct order.</summary>
    public static string GoJson(FluxInstanceSpec spec)
    {
        var json = new GoObjectWriter();
        json.Object("distribution", Distribution(spec.Distribution));
        json.StringList("components", spec.Components, omitEmpty: true);
        if (spec.CommonMetadata is { } metadata)
        {
            var common = new GoObjectWriter();
            common.StringMap("annotations", metadata.Annotations);
            common.StringMap("labels", metadata.Labels);
            json.Object("commonMetadata", common);
        }

        if (spec.Cluster is { } cluster)
        {
            json.Object("cluster", Cluster(cluster));
        }

        if (spec.Sharding is { } sharding)
        {
            var shards = new GoObjectWriter();
            shards.String("key", sharding.Key, omitEmpty: true);
            shards.StringList("shards", sharding.Shards, omitEmpty: false);
            shards.String("storage", sharding.Storage, omitEmpty: true);
            json.Object("sharding", shards);
        }

        if (spec.Storage is { } storage)
        {
            var pvc = new GoObjectWriter();
            pvc.String("class", storage.Class, omitEmpty: false);
            pvc.String("size", storage.Size, omitEmpty: false);
            json.Object("storage", pvc);
        }

        if (spec.Kustomize is { } kustomize)
        {
            var patches = new GoObjectWriter();
            patches.ObjectList("patches", kustomize.Patches?.Select(Patch).ToList());
            json.Object("kustomize", patches);
        }

        json.OptionalBool("wait", spec.Wait);
        json.OptionalBool("migrateResources", spec.MigrateResources);
        if (spec.Sync is { } sync)
        {
            json.Object("sync", Sync(sync));
        }

        return json.ToString();
    }

    private static GoObjectWriter Distribution(DistributionSpec distribution)
    {
        var json = new GoObjectWriter();
        json.String("version", distribution.Version, omitEmpty: false);
        json.String("registry", distribution.Registry, omitEmpty: false);
        json.String("variant", distribution.Variant, omitEmpty: true);
        json.String("imagePullSecret", distribution.ImagePullSecret, omitEmpty: true);
        json.String("artifact", distribution.Artifact, omitEmpty: true);
        json.String("artifactPullSecret", distribution.ArtifactPullSecret, omitEmpty: true);
        return json;
    }

    private static GoObjectWriter Cluster(Api.V1.Cluster cluster)
    {
        var json = new GoObjectWriter();
        json.String("domain", cluster.Domain, omitEmpty: true);
        json.Bool("multitenant", cluster.Multitenant ?? false, omitEmpty: true);
        json.Bool("multitenantWorkloadIdentity", cluster.MultitenantWorkloadIdentity ?? false, omitEmpty: true);
        json.String("tenantDefaultServiceAccount", cluster.TenantDefaultServiceAccount, omitEmpty: true);
        json.String("tenantDefaultDecryptionServiceAccount", cluster.TenantDefaultDecryptionServiceAccount, omitEmpty: true);
        json.String("tenantDefaultKubeConfigServiceAccount", cluster.TenantDefaultKubeConfigServiceAccount, omitEmpty: true);
        json.Bool("objectLevelWorkloadIdentity", cluster.ObjectLevelWorkloadIdentity ?? false, omitEmpty: true);
        json.Bool("networkPolicy", cluster.NetworkPolicy ?? false, omitEmpty: false);
        json.String("type", cluster.Type, omitEmpty: true);
        json.String("size", cluster.Size, omitEmpty: true);
        return json;
    }

    private static GoObjectWriter Patch(KustomizePatch patch)
    {
        var json = new GoObjectWriter();
        json.String("patch", patch.Patch, omitEmpty: true);
        if (patch.Target is { } target)
        {
            var selector = new GoObjectWriter();
            selector.String("group", target.Group, omitEmpty: true);
            selector.String("version", target.Version, omitEmpty: true);
            selector.String("kind", target.Kind, omitEmpty: true);
            selector.String("namespace", target.Namespace, omitEmpty: true);
            selector.String("name", target.Name, omitEmpty: true);
            selector.String("annotationSelector", target.AnnotationSelector, omitEmpty: true);
            selector.String("labelSelector", target.LabelSelector, omitEmpty: true);
            json.Object("target", selector);
        }

        return json;
    }

    private static GoObjectWriter Sync(Api.V1.Sync sync)
    {
        var json = new GoObjectWriter();
        json.String("name", sync.Name, omitEmpty: true);
        if (!string.IsNullOrEmpty(sync.Interval))
        {
            // A metav1.Duration is decoded and re-printed by Go; the API's pattern guarantees it parses.
            json.String("interval", GoDuration.Normalize(sync.Interval) ?? sync.Interval, omitEmpty: false);
        }

        json.String("kind", sync.Kind, omitEmpty: false);
        json.String("url", sync.Url, omitEmpty: false);
        json.String("ref", sync.Ref, omitEmpty: false);
        json.String("path", sync.Path, omitEmpty: false);
        json.String("pullSecret", sync.PullSecret, omitEmpty: true);
        json.String("provider", sync.Provider, omitEmpty: true);
        return json;
    }

    /// <summary>One JSON object in Go's compact encoding, fields in the order they are written.</summary>
    private sealed class GoObjectWriter
    {
        private readonly StringBuilder _text = new("{");

        public void String(string name, string? value, bool omitEmpty)
        {
            if (omitEmpty && string.IsNullOrEmpty(value))
            {
                return;
            }

            Name(name);
            Quote(_text, value ?? "");
        }

        public void Bool(string name, bool value, bool omitEmpty)
        {
            if (omitEmpty && !value)
            {
                return;
            }

            Name(name);
            _text.Append(value ? "true" : "false");
        }

        // A *bool with omitempty: nil is left out, false is written.
        public void OptionalBool(string name, bool? value)
        {
            if (value is { } set)
            {
                Bool(name, set, omitEmpty: false);
            }
        }

        public void StringList(string name, IReadOnlyList<string>? values, bool omitEmpty)
        {
            if (omitEmpty && values is not { Count: > 0 })
            {
                return;
            }

            Name(name);
            if (values is not { Count: > 0 })
            {
                // A nil slice: the API never stores an empty one here (minItems), so empty means absent.
                _text.Append("null");
                return;
            }

            _text.Append('[');
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                Quote(_text, values[i]);
            }

            _text.Append(']');
        }

        public void StringMap(string name, IReadOnlyDictionary<string, string>? values)
        {
            if (values is not { Count: > 0 })
            {
                return;
            }

            Name(name);
            _text.Append('{');
            var first = true;
            // Go sorts map keys by their bytes.
            foreach (var key in values.Keys.OrderBy(k => Encoding.UTF8.GetBytes(k), ByteOrder.Instance))
            {
                if (!first)
                {
                    _text.Append(',');
                }

                first = false;
                Quote(_text, key);
                _text.Append(':');
                Quote(_text, values[key]);
            }

            _text.Append('}');
        }

        public void Object(string name, GoObjectWriter value)
        {
            Name(name);
            _text.Append(value);
        }

        public void ObjectList(string name, IReadOnlyList<GoObjectWriter>? values)
        {
            if (values is not { Count: > 0 })
            {
                return;
            }

            Name(name);
            _text.Append('[').AppendJoin(',', values).Append(']');
        }

        public override string ToString() => _text.ToString() + "}";

        private void Name(string name)
        {
            if (_text.Length > 1)
            {
                _text.Append(',');
            }

            Quote(_text, name);
            _text.Append(':');
        }
    }

    // Go's encodeState.string with HTML escaping on (json.Marshal's default).
    private static void Quote(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                case < ' ':
                    text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // Invalid UTF-8 (a lone surrogate here) becomes U+FFFD in Go.
                        text.Append("\\ufffd");
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
