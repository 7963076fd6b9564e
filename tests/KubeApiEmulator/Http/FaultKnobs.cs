using System.Text.RegularExpressions;

namespace KubeApiEmulator.Http;

/// <summary>Test knobs that make the server misbehave on purpose: failures for matching requests, and added latency.</summary>
public sealed class FaultKnobs
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];

    /// <summary>Delay added before answering every request (watch streams included, before their first byte).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Fails the next <paramref name="times"/> requests whose HTTP method or Kubernetes verb equals <paramref name="verb"/>
    /// (case-insensitive; <c>*</c> for any) and whose path matches <paramref name="pathPattern"/>, with <paramref name="statusCode"/>.
    /// </summary>
    public void FailNext(string verb, string pathPattern, int times, int statusCode = 500)
    {
        lock (_gate)
        {
            _rules.Add(new Rule(verb, new Regex(pathPattern, RegexOptions.CultureInvariant), statusCode) { Remaining = times });
        }
    }

    /// <summary>Removes every pending failure and the latency.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
            Latency = TimeSpan.Zero;
        }
    }

    /// <summary>Consumes one matching failure and returns its status code, if any.</summary>
    internal int? Take(string method, string verb, string path)
    {
        lock (_gate)
        {
            var rule = _rules.Find(r => r.Remaining > 0 &&
                (r.Verb == "*" || string.Equals(r.Verb, method, StringComparison.OrdinalIgnoreCase) || string.Equals(r.Verb, verb, StringComparison.OrdinalIgnoreCase)) &&
                r.Path.IsMatch(path));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            return rule.StatusCode;
        }
    }

    private sealed record Rule(string Verb, Regex Path, int StatusCode)
    {
        public int Remaining { get; set; }
    }
}
