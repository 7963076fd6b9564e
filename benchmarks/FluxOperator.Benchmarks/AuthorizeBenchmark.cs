using System.Diagnostics;
using System.Globalization;
using KubeApiEmulator;
using KubeApiEmulator.Auth;

namespace FluxOperator.Benchmarks;

/// <summary>
/// What the emulator's RBAC check costs per request, with many bindings in the cluster: an administrator (short-circuit),
/// a service account allowed through a RoleBinding, one allowed through a ClusterRoleBinding to cluster-admin (the
/// operator's case), and a denied user. Prints ns and bytes allocated per decision; asserts nothing.
/// </summary>
internal static class AuthorizeBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var namespaces = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
        await using var api = await KubeApiServer.StartAsync();
        for (var i = 0; i < namespaces; i++)
        {
            api.SeedYaml($"""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {"{"}name: app, namespace: team-{i}{"}"}
                rules: [{"{"}apiGroups: [""], resources: [configmaps, secrets], verbs: [get, list, watch, create]{"}"}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {"{"}name: app, namespace: team-{i}{"}"}
                roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: Role, name: app{"}"}
                subjects: [{"{"}kind: ServiceAccount, name: app, namespace: team-{i}{"}"}, {"{"}kind: Group, name: team-{i}{"}"}]
                """);
        }

        api.SeedYaml("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: operator}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: ServiceAccount, name: flux-operator, namespace: flux-system}]
            """);
        var policy = api.Access.Policy;
        var cases = new (string Name, RequestAttributes Request)[]
        {
            ("admin (system:masters)", RequestAttributes.ForResource(UserInfo.Admin, "list", "apps", "deployments", null, "team-1", null)),
            ("service account via RoleBinding", RequestAttributes.ForResource(UserInfo.ServiceAccount("team-7", "app"), "get", "", "configmaps", null, "team-7", "x")),
            ("service account via ClusterRoleBinding", RequestAttributes.ForResource(UserInfo.ServiceAccount("flux-system", "flux-operator"), "patch", "apps", "deployments", null, "flux-system", "x")),
            ("denied user", RequestAttributes.ForResource(UserInfo.User("nobody", "team-3"), "delete", "", "configmaps", null, "team-9", "x")),
        };
        Console.WriteLine($"{namespaces} namespaces, {namespaces * 2 + 1} bindings' subjects indexed");
        Console.WriteLine("case | allowed | ns per decision | bytes allocated per decision");
        foreach (var (name, request) in cases)
        {
            const int iterations = 200_000;
            var allowed = policy.Authorize(request).Allowed;
            for (var i = 0; i < iterations; i++)
            {
                // Warm-up: the timed loop below runs optimized code.
                policy.Authorize(request);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                policy.Authorize(request);
            }

            clock.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} | {(allowed ? "yes" : "no")} | {clock.Elapsed.TotalNanoseconds / iterations:F0} | {allocated / iterations}"));
        }

        return 0;
    }
}
