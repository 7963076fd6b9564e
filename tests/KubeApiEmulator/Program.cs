// Standalone emulator for local tries:
//   dotnet run --project tests/KubeApiEmulator -- --port 0 --kubeconfig PATH [--simulate-deployments] [--tls] [--authorization-mode AlwaysAllow|RBAC]
// Prints the URL, writes the kubeconfig, serves until Ctrl+C.
using System.Globalization;
using System.Runtime.InteropServices;
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

// SIGTERM (kill, timeout, service managers), SIGINT (Ctrl+C) and SIGQUIT stop the server like any server started by hand:
// the signal is handled here (not by the runtime's default exit), open watches are closed and the port released.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);

await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Port = port, KubeconfigPath = kubeconfig, SimulateDeployments = simulate, UseTls = tls, Authorization = authorization });
Console.WriteLine(server.Url);
Console.WriteLine($"kubeconfig: {server.KubeconfigPath}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // A stop signal.
}

return 0;
