using System.CommandLine;

namespace FluxOperator.Commands;

/// <summary>Runs a packaging command body and turns bad input into one error line and exit code 1.</summary>
internal static class PackagingFailure
{
    public static int Guard(ParseResult parseResult, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or FormatException or YamlDotNet.Core.YamlException)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
