// Benchmarks print figures; each capability adds its own entry here.
using FluxOperator.Benchmarks;

switch (args.FirstOrDefault())
{
    case "render":
        return await RenderBenchmark.RunAsync(args[1..]);
}

Console.WriteLine("usage: dotnet run -c Release --project benchmarks/FluxOperator.Benchmarks -- <benchmark>");
return 0;
