namespace OciRegistryFixture;

/// <summary>How the test registry authenticates clients.</summary>
public enum RegistryAuth
{
    /// <summary>No authentication.</summary>
    None,

    /// <summary>htpasswd basic auth (user <see cref="RegistryServer.Username"/>).</summary>
    Basic,

    /// <summary>Docker token auth against an in-test <see cref="TokenServer"/> that requires the test user.</summary>
    Token,

    /// <summary>Docker token auth where the token server grants anonymous tokens.</summary>
    AnonymousToken,
}
