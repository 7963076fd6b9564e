using System.Diagnostics;
using FluxOperator.Controllers.Runtime;
using KubeApiEmulator;

namespace FluxOperator.Benchmarks;

/// <summary>Shared by the reconcile benchmarks: one pass's API requests, writes, dry-runs and wall time, from the emulator's request log.</summary>
internal static class PassRequests
{
    /// <summary>Runs <paramref name="run"/> and prints <paramref name="label"/> with its figures. Open watch streams are not counted.</summary>
    public static async Task MeasureAsync(KubeApiServer api, string label, Func<Task<ReconcileResult>> run)
    {
        var before = api.Requests.Records.Count;
        var clock = Stopwatch.StartNew();
        await run();
        clock.Stop();
        var records = api.Requests.Records.Skip(before).Where(r => r.Verb != "watch").ToArray();
        var dryRuns = records.Count(r => r.Query.Contains("dryRun", StringComparison.Ordinal));
        var writes = records.Count(r => r.Verb is "create" or "update" or "patch" or "delete") - dryRuns;
        Console.WriteLine($"{label,-43} {records.Length,9} {writes,7} {dryRuns,9} {clock.Elapsed.TotalMilliseconds,8:0}");
    }

    /// <summary>The repository root (the folder holding FluxOperator.sln), found upwards from the benchmark binary.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FluxOperator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FluxOperator.sln not found");
    }
}
