namespace KubeApiEmulator.Auth;

/// <summary>Who a request acts as: user name, groups and extra attributes, as the API server's authenticators produce them.</summary>
/// <param name="Name">User name, e.g. <c>kubernetes-admin</c> or <c>system:serviceaccount:flux-system:flux-operator</c>.</param>
/// <param name="Groups">Groups, including <c>system:authenticated</c> for everyone authenticated.</param>
/// <param name="Extra">Extra attributes (from <c>Impersonate-Extra-*</c>), or empty.</param>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    /// <summary>The group whose members every authorizer allows everything.</summary>
    public const string MastersGroup = "system:masters";

    /// <summary>The group of every authenticated user.</summary>
    public const string AuthenticatedGroup = "system:authenticated";

    /// <summary>The group of a request without credentials.</summary>
    public const string UnauthenticatedGroup = "system:unauthenticated";

    /// <summary>The user a request without credentials acts as.</summary>
    public const string AnonymousName = "system:anonymous";

    private const string ServiceAccountPrefix = "system:serviceaccount:";

    // Declared before the users built from it: static initializers run in textual order.
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The administrator the emulator's kubeconfig authenticates as.</summary>
    public static UserInfo Admin { get; } = User("kubernetes-admin", MastersGroup);

    /// <summary>A request without credentials.</summary>
    public static UserInfo Anonymous { get; } = new(AnonymousName, [UnauthenticatedGroup], Empty);

    /// <summary>An authenticated user in the given groups (plus <c>system:authenticated</c>).</summary>
    public static UserInfo User(string name, params string[] groups) =>
        new(name, groups.Contains(AuthenticatedGroup, StringComparer.Ordinal) ? groups : [.. groups, AuthenticatedGroup], Empty);

    /// <summary>A service account: <c>system:serviceaccount:&lt;ns&gt;:&lt;name&gt;</c> in its two service account groups.</summary>
    public static UserInfo ServiceAccount(string ns, string name) =>
        User(ServiceAccountName(ns, name), ServiceAccountGroups(ns));

    /// <summary>The user name of a service account.</summary>
    public static string ServiceAccountName(string ns, string name) => $"{ServiceAccountPrefix}{ns}:{name}";

    /// <summary>The groups every service account of a namespace is in.</summary>
    public static string[] ServiceAccountGroups(string ns) => ["system:serviceaccounts", $"system:serviceaccounts:{ns}"];

    /// <summary>Splits a service account user name into namespace and name; null for other users.</summary>
    public static (string Namespace, string Name)? AsServiceAccount(string userName)
    {
        if (!userName.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = userName[ServiceAccountPrefix.Length..].Split(':');
        return parts is [{ Length: > 0 } ns, { Length: > 0 } name] ? (ns, name) : null;
    }

    /// <summary>True for members of <c>system:masters</c> (decided once: every request asks).</summary>
    public bool IsPrivileged { get; } = Groups.Contains(MastersGroup, StringComparer.Ordinal);
}
