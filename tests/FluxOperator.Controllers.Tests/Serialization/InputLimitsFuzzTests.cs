using System.Text;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Controllers.Tests.Serialization;

public class InputLimitsFuzzTests
{
    private static readonly InputLimits Limits = new() { MaxDepth = 64, MaxAliasNodes = 5_000, MaxDocumentBytes = 256 << 10, MaxScalarBytes = 16 << 10 };

    private static readonly string[] Fragments =
    [
        "a: ", "- ", "[", "]", "{", "}", ", ", ": ", "\n", "\n  ", "\n    ", "&x ", "&y ", "*x", "*y", "&z [*x, *x, *x, *x]", "*z",
        "? ", "!!str ", "!!int ", "'q'", "\"d\\n\"", "|\n  block\n", ">-\n  folded\n", "---\n", "...\n", "# c\n", "~", "1", "0x1F",
        "true", "<<: *x\n", "key", "\t", "%YAML 1.2\n", "@", "`",
    ];

    [Fact]
    public async Task Random_yaml_ends_in_a_document_or_a_yaml_error_with_bounded_memory()
    {
        // One generous bound for the whole run catches a hang; it is not a speed assertion.
        await Task.Run(() =>
        {
            var random = new Random(22);
            for (var i = 0; i < 400; i++)
            {
                var yaml = Generate(random);
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    YamlDocuments.Parse(yaml, Limits);
                }
                catch (YamlException)
                {
                    // A refusal with a message is the other allowed outcome.
                }

                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < 64L << 20, $"case {i} allocated {allocated} bytes for {yaml.Length} characters");
            }
        }).WaitAsync(TimeSpan.FromMinutes(2));
    }

    private static string Generate(Random random)
    {
        var yaml = new StringBuilder();
        switch (random.Next(5))
        {
            case 0: // deep flows, sometimes far past the depth limit
                var depth = random.Next(1, 5_000);
                for (var d = 0; d < depth; d++)
                {
                    yaml.Append(random.Next(2) == 0 ? "[" : "{a: ");
                }

                break;
            case 1: // an alias bomb of random width and height
                yaml.Append("a0: &a0 [x, x]\n");
                var levels = random.Next(2, 20);
                for (var l = 1; l < levels; l++)
                {
                    yaml.Append($"a{l}: &a{l} [").Append(string.Join(", ", Enumerable.Repeat($"*a{l - 1}", random.Next(2, 12)))).Append("]\n");
                }

                break;
            case 2: // a huge scalar, plain or quoted
                yaml.Append(random.Next(2) == 0 ? "a: " : "a: \"").Append('x', random.Next(1, 40_000));
                break;
        }

        var count = random.Next(1, 200);
        for (var f = 0; f < count; f++)
        {
            yaml.Append(Fragments[random.Next(Fragments.Length)]);
        }

        return yaml.ToString();
    }
}
