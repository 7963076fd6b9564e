// Benchmarks print figures; each capability adds its own entry here.
if (args is ["pull", ..]) return await FluxOperator.Benchmarks.PullBenchmark.RunAsync(args[1..]);
if (args is ["reconcile", ..]) return await FluxOperator.Benchmarks.ReconcileBenchmark.RunAsync(args[1..]);
if (args is ["report", ..]) return await FluxOperator.Benchmarks.ReportBenchmark.RunAsync(args[1..]);
if (args is ["resourceset", ..]) return await FluxOperator.Benchmarks.ResourceSetBenchmark.RunAsync(args[1..]);
if (args is ["render", ..]) return await FluxOperator.Benchmarks.RenderBenchmark.RunAsync(args[1..]);
if (args is ["resourceset-render", ..]) return await FluxOperator.Benchmarks.ResourceSetRenderBenchmark.RunAsync(args[1..]);
if (args is ["authorize", ..]) return await FluxOperator.Benchmarks.AuthorizeBenchmark.RunAsync(args[1..]);
Console.WriteLine("usage: dotnet run -c Release --project benchmarks/FluxOperator.Benchmarks -- pull|render|reconcile|report|authorize|resourceset|resourceset-render [options]");
return 0;
