using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation.Upgrades;

namespace FluxOperator.Controllers.Tests.Reconciliation.Upgrades;

/// <summary>When the approval gate holds a build, lets it through, or stays out of the way.</summary>
public class ApprovalDecisionTests
{
    private const string Installed = "v2.9.2@sha256:0000000000000000000000000000000000000000000000000000000000000000";

    [Theory]
    [InlineData(null, Installed, "v2.9.4", ApprovalVerdict.NotGated)]
    [InlineData("optional", Installed, "v2.9.4", ApprovalVerdict.NotGated)]
    [InlineData("Required", null, "v2.9.4", ApprovalVerdict.NoUpgrade)]
    [InlineData("required", Installed, "v2.9.2", ApprovalVerdict.NoUpgrade)]
    [InlineData("required", Installed, "v2.9.1", ApprovalVerdict.NoUpgrade)]
    [InlineData("required", Installed, "v2.9.4", ApprovalVerdict.Hold)]
    [InlineData("required", Installed, "v2.10.0", ApprovalVerdict.Hold)]
    public void Only_a_newer_version_than_the_installed_one_is_held_and_only_when_required(string? approval, string? lastApplied, string candidate, ApprovalVerdict expected)
    {
        var decision = ApprovalDecision.Decide(Instance(approval, null), lastApplied, candidate);

        Assert.Equal(expected, decision.Verdict);
        Assert.Null(decision.StaleApproval);
    }

    [Theory]
    [InlineData("v2.9.4")]
    [InlineData("2.9.4")]
    [InlineData(" v2.9.4 ")]
    public void Approval_of_exactly_the_candidate_lets_it_through(string approved)
    {
        var decision = ApprovalDecision.Decide(Instance("required", approved), Installed, "v2.9.4");

        Assert.Equal(ApprovalVerdict.Approved, decision.Verdict);
        Assert.Equal(("v2.9.2", "v2.9.4"), (decision.Installed, decision.Candidate));
    }

    [Theory]
    [InlineData("v2.9.3")]
    [InlineData("2.9")]
    [InlineData("2.9.x")]
    [InlineData("latest")]
    public void Approval_of_anything_else_is_stale_and_named(string approved)
    {
        var decision = ApprovalDecision.Decide(Instance("required", approved), Installed, "v2.9.4");

        Assert.Equal(ApprovalVerdict.Hold, decision.Verdict);
        Assert.Equal(approved.Trim(), decision.StaleApproval);
    }

    private static FluxInstance Instance(string? approval, string? approved)
    {
        var annotations = new Dictionary<string, string>();
        if (approval is not null)
        {
            annotations[AnnotationKeys.UpgradeApproval] = approval;
        }

        if (approved is not null)
        {
            annotations[AnnotationKeys.ApprovedVersion] = approved;
        }

        return new FluxInstance { Metadata = new k8s.Models.V1ObjectMeta { Name = "flux", NamespaceProperty = "flux-system", Annotations = annotations } };
    }
}
