// Benchmarks print figures; each capability adds its own entry here.
Console.WriteLine("usage: dotnet run -c Release --project benchmarks/FluxOperator.Benchmarks -- <benchmark>");
return 0;
