using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Tests.Apply;

/// <summary>Small hand-written objects for the apply tests.</summary>
internal static class Objects
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Of(string apiVersion, string kind, string name, string? ns = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }
}
