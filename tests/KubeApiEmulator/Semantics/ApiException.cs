using System.Text.Json.Nodes;

namespace KubeApiEmulator.Semantics;

/// <summary>A request failure that the server answers with a <c>Status</c> object.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates a failure with HTTP code, reason and message.</summary>
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>HTTP status code.</summary>
    public int Code { get; }

    /// <summary>Status reason such as <c>NotFound</c>.</summary>
    public string Reason { get; }

    /// <summary>Status details (name, group, kind, causes).</summary>
    public JsonObject? Details { get; }

    /// <summary>The <c>Status</c> object for the response body.</summary>
    public JsonObject ToStatus() => Status(Code, Reason, Message, Details);

    /// <summary>Builds a failure <c>Status</c>.</summary>
    public static JsonObject Status(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details.DeepClone();
        }

        status["code"] = code;
        return status;
    }

    /// <summary>404 for a missing object.</summary>
    public static ApiException NotFound(string group, string plural, string name) =>
        new(404, "NotFound", $"{Qualified(plural, group)} \"{name}\" not found", DetailsFor(name, group, plural));

    /// <summary>409 for a name already taken.</summary>
    public static ApiException AlreadyExists(string group, string plural, string name) =>
        new(409, "AlreadyExists", $"{Qualified(plural, group)} \"{name}\" already exists", DetailsFor(name, group, plural));

    /// <summary>409 for a stale resourceVersion or failed precondition.</summary>
    public static ApiException Conflict(string group, string plural, string name, string why = "the object has been modified; please apply your changes to the latest version and try again") =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(plural, group)} \"{name}\": {why}", DetailsFor(name, group, plural));

    /// <summary>422 for an invalid object, with one cause per field.</summary>
    public static ApiException Invalid(string group, string kind, string name, params (string Field, string Message)[] causes)
    {
        var details = DetailsFor(name, group, kind);
        details["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldValueInvalid",
            ["message"] = c.Message,
            ["field"] = c.Field,
        }).ToArray());
        var summary = string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"));
        return new ApiException(422, "Invalid", $"{Qualified(kind, group)} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>400 for a malformed request.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>410 for an expired resourceVersion or continue token.</summary>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    /// <summary>415 for a patch type the resource does not support.</summary>
    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})");

    private static string Qualified(string name, string group) => group.Length == 0 ? name : $"{name}.{group}";

    private static JsonObject DetailsFor(string name, string group, string kind)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        return details;
    }
}
