namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>
/// The end-to-end tests run one at a time: against a real cluster they share the one <c>flux-system/flux</c>, and
/// each starts an operator process that wants the machine's cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
