using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FluxOperator.Hosting;

/// <summary>Structured logs on stderr: JSON or console encoding, with the per-pass scope on every line.</summary>
internal static class OperatorLogging
{
    public static ILoggerFactory Create(OperatorOptions options) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(options.LogLevel switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "error" => LogLevel.Error,
            _ => LogLevel.Information,
        });

        // The HTTP client's per-request lines would drown the operator's own.
        builder.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.AddFilter("Microsoft", LogLevel.Warning);
        if (options.LogEncoding == "console")
        {
            builder.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffK ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffK";
                o.UseUtcTimestamp = true;
            });
        }

        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
