using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The revision written to status: <c>&lt;v&gt;@sha256:&lt;hex&gt;</c> over the objects in emission order.</summary>
public static class RevisionDigest
{
    /// <summary>SHA-256 over the canonical JSON documents joined with <c>---\n</c>, as <c>sha256:&lt;64 hex&gt;</c>.</summary>
    public static string Compute(IEnumerable<JsonObject> objectsInEmissionOrder)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var obj in objectsInEmissionOrder)
        {
            if (!first)
            {
                builder.Append("---\n");
            }

            first = false;
            CanonicalJson.Append(builder, obj);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    /// <summary>The status revision: the version directory name, <c>@</c>, the digest.</summary>
    public static string Revision(string version, IEnumerable<JsonObject> objectsInEmissionOrder) =>
        version + "@" + Compute(objectsInEmissionOrder);
}
