using KubeApiEmulator.Auth;

namespace KubeApiEmulator.Tests.Units;

/// <summary>The RBAC rule matching and covering rules, case by case.</summary>
public sealed class PolicyRuleTests
{
    private static readonly UserInfo Someone = UserInfo.User("someone");

    [Theory]
    [InlineData("deployments", "", true)]
    [InlineData("deployments", "status", false)]
    [InlineData("deployments/status", "status", true)]
    [InlineData("*/status", "status", true)]
    [InlineData("*/status", "", false)]
    [InlineData("*/scale", "status", false)]
    [InlineData("*", "status", true)]
    public void Resources_match_with_subresources_as_written(string ruleResource, string subresource, bool allowed)
    {
        var rule = new PolicyRule(["get"], ["apps"], [ruleResource], [], []);
        Assert.Equal(allowed, rule.Allows(RequestAttributes.ForResource(Someone, "get", "apps", "deployments", subresource, "ns", "web")));
    }

    [Fact]
    public void Verbs_groups_and_names_must_all_match()
    {
        var rule = new PolicyRule(["get", "update"], [""], ["configmaps"], ["settings"], []);
        Assert.True(rule.Allows(RequestAttributes.ForResource(Someone, "update", "", "configmaps", null, "ns", "settings")));
        Assert.False(rule.Allows(RequestAttributes.ForResource(Someone, "update", "", "configmaps", null, "ns", "other")));
        Assert.False(rule.Allows(RequestAttributes.ForResource(Someone, "list", "", "configmaps", null, "ns", null)));
        Assert.False(rule.Allows(RequestAttributes.ForResource(Someone, "get", "apps", "configmaps", null, "ns", "settings")));
        Assert.True(new PolicyRule(["*"], ["*"], ["*"], [], []).Allows(RequestAttributes.ForResource(Someone, "escalate", "x.io", "things", null, null, null)));
    }

    [Theory]
    [InlineData("/healthz", "/healthz", true)]
    [InlineData("/healthz", "/healthz/etcd", false)]
    [InlineData("/logs/*", "/logs/today", true)]
    [InlineData("/logs/*", "/logs", false)]
    [InlineData("*", "/anything", true)]
    public void Non_resource_urls_match_exactly_or_by_trailing_star(string ruleUrl, string path, bool allowed) =>
        Assert.Equal(allowed, new PolicyRule(["get"], [], [], [], [ruleUrl]).Allows(RequestAttributes.ForPath(Someone, "get", path)));

    [Fact]
    public void A_resource_rule_never_allows_a_path_and_a_path_rule_never_a_resource()
    {
        Assert.False(new PolicyRule(["get"], ["*"], ["*"], [], []).Allows(RequestAttributes.ForPath(Someone, "get", "/version")));
        Assert.False(new PolicyRule(["get"], [], [], [], ["*"]).Allows(RequestAttributes.ForResource(Someone, "get", "", "pods", null, "ns", null)));
    }

    [Fact]
    public void Covering_is_judged_per_verb_group_resource_and_name()
    {
        var held = new PolicyRule(["get", "list"], [""], ["configmaps", "*/status"], [], []);
        Assert.True(held.Covers(new PolicyRule(["get"], [""], ["configmaps"], ["one"], [])));
        Assert.True(held.Covers(new PolicyRule(["list"], [""], ["services/status"], [], [])));
        Assert.False(held.Covers(new PolicyRule(["watch"], [""], ["configmaps"], [], [])));
        Assert.False(held.Covers(new PolicyRule(["get"], ["*"], ["configmaps"], [], [])));
        Assert.False(new PolicyRule(["get"], [""], ["configmaps"], ["one"], []).Covers(new PolicyRule(["get"], [""], ["configmaps"], [], [])));
        Assert.Equal(4, new PolicyRule(["get", "list"], ["", "apps"], ["a"], [], []).Breakdown().Count());
        Assert.Equal("{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}", new PolicyRule(["get", "list"], [""], ["nodes"], [], []).CompactString());
    }
}
