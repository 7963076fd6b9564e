using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Tests.Runtime;

public class PredicatesTests
{
    private static JsonObject Obj(long generation, string? annotations = null, string? status = null) => JsonNode.Parse($$"""
        {"metadata":{"name":"flux","namespace":"flux-system","generation":{{generation}}{{(annotations is null ? "" : $",\"annotations\":{annotations}")}}},
         "status":{{status ?? "{}"}}}
        """)!.AsObject();

    public static TheoryData<string, JsonObject, JsonObject, bool, bool> Updates => new()
    {
        { "status only", Obj(1, status: """{"a":1}"""), Obj(1, status: """{"a":2}"""), false, false },
        { "spec change", Obj(1), Obj(2), true, false },
        { "annotation added", Obj(1), Obj(1, """{"reconcile.fluxcd.io/requestedAt":"now"}"""), false, true },
        { "annotation changed", Obj(1, """{"k":"a"}"""), Obj(1, """{"k":"b"}"""), false, true },
        { "annotation removed", Obj(1, """{"k":"a"}"""), Obj(1, "{}"), false, true },
        { "empty annotations appear", Obj(1), Obj(1, "{}"), false, false },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void Updates_pass_only_when_the_watched_part_changed(string change, JsonObject old, JsonObject now, bool generation, bool annotations)
    {
        var e = new InformerEvent(InformerEventType.Updated, now, old);
        Assert.True(generation == Predicates.GenerationChanged(e), change);
        Assert.True(annotations == Predicates.AnnotationsChanged(e), change);
        Assert.True((generation || annotations) == Predicates.Any(Predicates.GenerationChanged, Predicates.AnnotationsChanged)(e), change);
    }

    [Theory]
    [InlineData(InformerEventType.Added)]
    [InlineData(InformerEventType.Deleted)]
    public void Creates_and_deletes_always_pass(InformerEventType type)
    {
        var e = new InformerEvent(type, Obj(1));
        Assert.True(Predicates.GenerationChanged(e));
        Assert.True(Predicates.AnnotationsChanged(e));
        Assert.True(Predicates.All(Predicates.GenerationChanged, Predicates.LabelsChanged)(e));
    }
}
