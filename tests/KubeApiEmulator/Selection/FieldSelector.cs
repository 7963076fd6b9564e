using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Selection;

/// <summary>A parsed field selector over <c>metadata.name</c> and <c>metadata.namespace</c> (<c>=</c>, <c>==</c>, <c>!=</c>).</summary>
public sealed class FieldSelector
{
    private readonly List<Func<StoredObject, bool>> _requirements = [];

    private FieldSelector()
    {
    }

    /// <summary>The exact name required by the selector, when it pins one (lets lists skip the scan).</summary>
    public string? Name { get; private set; }

    /// <summary>Parses the query-string form; unsupported fields throw <see cref="FormatException"/> (a 400 on a real server too).</summary>
    public static FieldSelector Parse(string? text)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : (term.Contains("==", StringComparison.Ordinal) ? "==" : "="), 2);
            if (parts.Length != 2)
            {
                throw new FormatException($"invalid field selector term \"{term}\"");
            }

            var field = parts[0].Trim();
            var value = parts[1].Trim();
            Func<StoredObject, string> read = field switch
            {
                "metadata.name" => o => o.Name,
                "metadata.namespace" => o => o.Namespace,
                _ => throw new FormatException($"field label not supported: {field}"),
            };
            if (!negate && field == "metadata.name")
            {
                selector.Name = value;
            }

            selector._requirements.Add(negate ? o => read(o) != value : o => read(o) == value);
        }

        return selector;
    }

    /// <summary>True when every requirement holds.</summary>
    public bool Matches(StoredObject obj) => _requirements.TrueForAll(r => r(obj));
}
