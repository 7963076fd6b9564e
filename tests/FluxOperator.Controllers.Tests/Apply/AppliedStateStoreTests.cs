using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Apply;

public class AppliedStateStoreTests
{
    private static readonly ObjectId Id = new("ns", "d", "apps", "Deployment");

    private static JsonObject Live(string rv, long generation, string label = "a", string manager = "flux-operator", string uid = "u1") => Objects.Parse($$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"ns","uid":"{{{uid}}}","resourceVersion":"{{{rv}}}","generation":{{{generation}}},
          "labels":{"l":"{{{label}}}"},"managedFields":[{"manager":"{{{manager}}}","operation":"Apply"},{"manager":"sim","operation":"Update","subresource":"status"}]}}
        """);

    public static TheoryData<string, JsonObject?, bool> Cases => new()
    {
        { "same resourceVersion", Live("5", 1), true },
        { "status-only write (new resourceVersion, same generation)", Live("9", 1), true },
        { "spec edited (generation bumped)", Live("9", 2), false },
        { "label edited", Live("9", 1, label: "b"), false },
        { "another manager took fields", Live("9", 1, manager: "kubectl-edit"), false },
        { "deleted", null, false },
        { "deleted and re-created", Live("9", 1, uid: "u2"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_provably_untouched_objects_skip_the_dry_run(string because, JsonObject? live, bool proven)
    {
        var store = new AppliedStateStore();
        store.Remember(Id, "digest", Live("5", 1));

        Assert.True(proven == store.ProvesUnchanged(Id, "digest", live), because);
    }

    [Fact]
    public void A_new_desired_state_is_never_proven()
    {
        var store = new AppliedStateStore();
        store.Remember(Id, "digest", Live("5", 1));

        Assert.False(store.ProvesUnchanged(Id, "other", Live("5", 1)));
        store.Forget(Id);
        Assert.False(store.ProvesUnchanged(Id, "digest", Live("5", 1)));
    }
}
