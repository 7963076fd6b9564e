using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;

namespace FluxOperator.Controllers.Tests.Reconciliation;

public class StatusWriterTests
{
    [Fact]
    public void Status_patch_clears_fields_that_are_no_longer_set()
    {
        var patch = StatusWriter.StatusPatch(new FluxInstanceStatus { LastAttemptedRevision = "v2.9.4@sha256:00" });

        Assert.Equal("v2.9.4@sha256:00", patch["lastAttemptedRevision"]!.GetValue<string>());
        Assert.True(patch.ContainsKey("lastArtifactRevision"));
        Assert.Null(patch["lastArtifactRevision"]);
        Assert.True(patch.ContainsKey("inventory"));
        Assert.Null(patch["inventory"]);
    }
}
