namespace KubeApiEmulator.Http;

/// <summary>One served request.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Verb">Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection, or discovery.</param>
/// <param name="Resource">Resource plural (with <c>/status</c> for the subresource), empty for non-resource paths.</param>
/// <param name="Path">Request path.</param>
/// <param name="Query">Query string including the leading '?', or empty.</param>
/// <param name="Status">HTTP status code answered.</param>
public sealed record RequestRecord(string Method, string Verb, string Resource, string Path, string Query, int Status);
