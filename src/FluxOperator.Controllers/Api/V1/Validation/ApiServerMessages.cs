using System.Globalization;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>The API server's wording for the rules a CRD schema expresses, so offline checks read like <c>kubectl apply</c>.</summary>
public static class ApiServerMessages
{
    /// <summary>The path the API server uses for the object itself.</summary>
    public const string RootPath = "<root>";

    /// <summary><c>spec.x: Required value</c>.</summary>
    public static string Required(string path) => $"{path}: Required value";

    /// <summary><c>spec.x: Unsupported value: "v": supported values: "a", "b"</c>.</summary>
    public static string Unsupported(string path, string value, IEnumerable<string> supported) =>
        $"{path}: Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}";

    /// <summary><c>spec.x: Invalid value: "v": spec.x in body should match '&lt;pattern&gt;'</c>.</summary>
    public static string PatternMismatch(string path, string value, string pattern) =>
        $"{path}: Invalid value: \"{value}\": {path} in body should match '{pattern}'";

    /// <summary>A CEL rule on an object: <c>spec: Invalid value: "object": &lt;message&gt;</c>.</summary>
    public static string RuleViolation(string path, string message) => $"{path}: Invalid value: \"object\": {message}";

    /// <summary><c>spec.x: Invalid value: 0: spec.x in body should have at least 1 items</c>.</summary>
    public static string TooFewItems(string path, int count, int minimum) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}: Invalid value: {count}: {path} in body should have at least {minimum} items");

    /// <summary><c>spec.x: Too long: may not be more than 63 bytes</c>.</summary>
    public static string TooLong(string path, int maximum) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}: Too long: may not be more than {maximum} bytes");

    /// <summary><c>spec.x: Invalid value: "string": spec.x in body must be of type boolean: "string"</c>.</summary>
    public static string WrongType(string path, string expected, string actual) =>
        $"{path}: Invalid value: \"{actual}\": {path} in body must be of type {expected}: \"{actual}\"";

    /// <summary>Strict field validation (kubectl's default): <c>unknown field "spec.x"</c>.</summary>
    public static string UnknownField(string path) => $"unknown field \"{path}\"";
}
