using System.Text.Json.Nodes;
using FluxOperator.Controllers.Reporting;

namespace FluxOperator.Controllers.Tests.Reporting;

public class ResourceInfoLabelsTests
{
    private static Dictionary<string, string?> Labels(string kind, string json) =>
        ResourceInfoLabels.From(JsonNode.Parse(json)!.AsObject(), kind).ToDictionary(l => l.Key, l => l.Value as string);

    [Theory]
    [InlineData("GitRepository", """{"spec":{"url":"https://g","ref":{"branch":"main","tag":"v1"}}}""", "url", "https://g")]
    [InlineData("GitRepository", """{"spec":{"ref":{"branch":"main","tag":"v1"}}}""", "ref", "v1")]
    [InlineData("GitRepository", """{"spec":{"ref":{"branch":"main","name":"refs/heads/x"}}}""", "ref", "refs/heads/x")]
    [InlineData("OCIRepository", """{"spec":{"ref":{"tag":"1.0","semver":">=1"}}}""", "ref", ">=1")]
    [InlineData("Bucket", """{"spec":{"endpoint":"minio:9000","bucketName":"b"}}""", "url", "minio:9000")]
    [InlineData("Bucket", """{"spec":{"endpoint":"minio:9000","bucketName":"b"}}""", "ref", "b")]
    [InlineData("Receiver", """{"status":{"webhookPath":"/hook/1"}}""", "url", "/hook/1")]
    [InlineData("ImageRepository", """{"spec":{"image":"ghcr.io/x"}}""", "url", "ghcr.io/x")]
    [InlineData("HelmRelease", """{"spec":{"chart":{"spec":{"sourceRef":{"name":"repo"}}},"chartRef":{"name":"oci"}}}""", "source_name", "repo")]
    [InlineData("HelmRelease", """{"spec":{"chartRef":{"name":"oci"}}}""", "source_name", "oci")]
    [InlineData("ImagePolicy", """{"spec":{"imageRepositoryRef":{"name":"img"}}}""", "source_name", "img")]
    [InlineData("Kustomization", """{"spec":{"path":"./apps","sourceRef":{"name":"fleet"}}}""", "path", "./apps")]
    [InlineData("HelmRelease", """{"spec":{"path":"./ignored"}}""", "path", "")]
    [InlineData("Kustomization", """{"status":{"lastAttemptedRevision":"a","artifact":{"revision":"b"}}}""", "revision", "a")]
    [InlineData("GitRepository", """{"status":{"artifact":{"revision":"b"}}}""", "revision", "b")]
    [InlineData("Kustomization", """{}""", "ready", "Unknown")]
    [InlineData("Alert", """{"status":{"conditions":[{"type":"Ready","status":"False"}]}}""", "ready", "True")]
    [InlineData("HelmRepository", """{"spec":{"type":"oci"}}""", "ready", "True")]
    [InlineData("HelmRepository", """{"spec":{"type":"default"}}""", "ready", "Unknown")]
    [InlineData("Kustomization", """{"spec":{"suspend":true}}""", "suspended", "True")]
    public void Labels_follow_the_per_kind_rules(string kind, string json, string label, string expected) =>
        Assert.Equal(expected, Labels(kind, json)[label]);

    [Fact]
    public void Every_label_is_present_even_when_empty()
    {
        var labels = Labels("Provider", """{"metadata":{"name":"slack","namespace":"apps","uid":"u-1"}}""");

        Assert.Equal(["uid", "kind", "name", "exported_namespace", "ready", "reason", "suspended", "revision", "url", "ref", "source_name", "path"], labels.Keys);
        Assert.Equal(("u-1", "Provider", "slack", "apps", "False", ""), (labels["uid"], labels["kind"], labels["name"], labels["exported_namespace"], labels["suspended"], labels["url"]));
    }
}
