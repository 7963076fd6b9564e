// Standalone emulator for local tries:
//   dotnet run --project tests/KubeApiEmulator -- --port 0 --kubeconfig PATH [--simulate-deployments] [--tls] [--authorization-mode AlwaysAllow|RBAC]
// Prints the URL, writes the kubeconfig, serves until Ctrl+C.
using System.Globalization;
using KubeApiEmulator;

var port = 0;
string? kubeconfig = null;
var simulate = false;
var tls = false;
var authorization = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--kubeconfig" when i + 1 < args.Length:
            kubeconfig = Path.GetFullPath(args[++i]);
            break;
        case "--simulate-deployments":
            simulate = true;
            break;
        case "--tls":
            tls = true;
            break;
        case "--authorization-mode" when i + 1 < args.Length && args[i + 1] is "AlwaysAllow" or "RBAC":
            authorization = args[++i] == "RBAC";
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown argument {args[i]}; usage: --port N --kubeconfig PATH [--simulate-deployments] [--tls] [--authorization-mode AlwaysAllow|RBAC]");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Port = port, KubeconfigPath = kubeconfig, SimulateDeployments = simulate, UseTls = tls, Authorization = authorization });
Console.WriteLine(server.Url);
Console.WriteLine($"kubeconfig: {server.KubeconfigPath}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM.
}

return 0;
