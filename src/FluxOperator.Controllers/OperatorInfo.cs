using System.Reflection;

namespace FluxOperator.Controllers;

/// <summary>Identity of this operator build: name, version and field manager.</summary>
public static class OperatorInfo
{
    /// <summary>The name used as field manager and in the managed-by label.</summary>
    public const string Name = "flux-operator";

    /// <summary>The operator version taken from the assembly's informational version.</summary>
    public static string Version { get; } =
        (typeof(OperatorInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
            .Split('+')[0];
}
