using System.Text;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

internal static partial class DifferentialCases
{
    /// <summary>
    /// Seeded random merge-list patches: mixes of existing and new keys, deletes, and ports with and without protocol,
    /// so the list algorithm is exercised beyond the hand-picked cases. The seed keeps the case list stable.
    /// </summary>
    private static IEnumerable<DifferentialCase> GeneratedListCases()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 24; i++)
        {
            var body = new StringBuilder();
            body.Append("env:\n");
            foreach (var name in Pick(random, ["RUNTIME_NAMESPACE", "TUF_ROOT", "GOMEMLIMIT", "NEW_A", "NEW_B"]))
            {
                body.Append($"- name: {name}\n").Append(random.Next(4) == 0 ? "  $patch: delete\n" : $"  value: v{random.Next(9)}\n");
            }

            if (random.Next(2) == 0)
            {
                body.Append("ports:\n");
                foreach (var port in Pick(random, ["9090", "8080", "7070"]))
                {
                    body.Append($"- containerPort: {port}\n  name: p{port}x\n");
                    if (random.Next(3) != 0)
                    {
                        body.Append(random.Next(4) == 0 ? "  protocol: UDP\n" : "  protocol: TCP\n");
                    }
                }
            }

            if (random.Next(2) == 0)
            {
                body.Append("volumeMounts:\n");
                foreach (var path in Pick(random, ["/data", "/tmp", "/cache"]))
                {
                    body.Append($"- mountPath: {path}\n").Append(random.Next(4) == 0 ? "  $patch: delete\n" : $"  name: m{path.TrimStart('/')}\n");
                }
            }

            var container = random.Next(3) == 0 ? "sidecar" : "manager";
            var patch = DeploymentPatch("spec:\n  template:\n    spec:\n      containers:\n      - name: " + container + "\n" + Indent(body.ToString().TrimEnd('\n'), 8).TrimEnd('\n'));
            yield return new($"generated list merge {i:00}", Smp(AppDeployment, patch));
        }
    }

    private static List<string> Pick(Random random, string[] pool)
    {
        var picked = pool.Where(_ => random.Next(2) == 0).ToList();
        if (picked.Count == 0)
        {
            picked.Add(pool[random.Next(pool.Length)]);
        }

        return picked.OrderBy(_ => random.Next()).ToList();
    }
}
