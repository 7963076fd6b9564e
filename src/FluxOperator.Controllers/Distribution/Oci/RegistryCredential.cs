namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>Credentials for one registry: username and password, or an identity (refresh) token.</summary>
public sealed record RegistryCredential(string Username, string Password, string? IdentityToken = null)
{
    /// <summary>Hides the secret parts.</summary>
    public override string ToString() => $"RegistryCredential {{ Username = {Username} }}";
}
