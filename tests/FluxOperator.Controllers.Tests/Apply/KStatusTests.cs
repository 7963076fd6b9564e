using FluxOperator.Controllers.Apply.Health;

namespace FluxOperator.Controllers.Tests.Apply;

public class KStatusTests
{
    private const string HealthyStatus = """
        "status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,
          "conditions":[{"type":"Available","status":"True"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}
        """;

    public static TheoryData<string, HealthStatus, string> Deployments => new()
    {
        { $$$"""{"spec":{"replicas":2,"progressDeadlineSeconds":600},{{{HealthyStatus}}}}""", HealthStatus.Current, "Deployment is available. Replicas: 2" },
        { """{"spec":{"replicas":2},"status":{"observedGeneration":1}}""", HealthStatus.InProgress, "Deployment generation is 2, but latest observed generation is 1" },
        { """{"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":1}}""", HealthStatus.InProgress, "Replicas: 1/2" },
        { """{"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":1}}""", HealthStatus.InProgress, "Updated: 1/2" },
        { """{"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":2}}""", HealthStatus.InProgress, "Pending termination: 1" },
        { """{"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":1}}""", HealthStatus.InProgress, "Available: 1/2" },
        { """{"spec":{},"status":{"observedGeneration":2,"replicas":1,"updatedReplicas":1,"availableReplicas":1,"readyReplicas":0}}""", HealthStatus.InProgress, "Ready: 0/1" },
        { """{"spec":{"progressDeadlineSeconds":60},"status":{"observedGeneration":2,"replicas":1,"updatedReplicas":1,"availableReplicas":1,"readyReplicas":1,"conditions":[{"type":"Available","status":"True"}]}}""", HealthStatus.InProgress, "ReplicaSet not Available" },
        { """{"spec":{},"status":{"observedGeneration":2,"replicas":1,"updatedReplicas":1,"availableReplicas":1,"readyReplicas":1,"conditions":[{"type":"Available","status":"False"}]}}""", HealthStatus.InProgress, "Deployment not Available" },
        { """{"spec":{},"status":{"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}}""", HealthStatus.Failed, "Progress deadline exceeded" },
    };

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Deployment_rules(string body, HealthStatus status, string message)
    {
        var obj = Objects.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","generation":2},""" + body[1..]);

        var health = KStatus.Compute(obj);

        Assert.Equal((status, message), (health.Status, health.Message));
    }

    [Theory]
    [InlineData("""[{"type":"NamesAccepted","status":"True"},{"type":"Established","status":"True"}]""", HealthStatus.Current)]
    [InlineData("""[{"type":"Established","status":"False","reason":"Installing"}]""", HealthStatus.InProgress)]
    [InlineData("""[{"type":"Established","status":"False","reason":"Other"}]""", HealthStatus.Failed)]
    [InlineData("""[{"type":"NamesAccepted","status":"False"}]""", HealthStatus.Failed)]
    [InlineData("[]", HealthStatus.InProgress)]
    public void Crd_rules(string conditions, HealthStatus status)
    {
        var crd = Objects.Parse($$$"""{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"w"},"status":{"conditions":{{{conditions}}}}}""");

        Assert.Equal(status, KStatus.Compute(crd).Status);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"s"}}""", HealthStatus.Current)]
    [InlineData("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"},"status":{"phase":"Active"}}""", HealthStatus.Current)]
    [InlineData("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"p"},"status":{"phase":"Pending"}}""", HealthStatus.InProgress)]
    [InlineData("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"p"},"status":{"phase":"Bound"}}""", HealthStatus.Current)]
    [InlineData("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"}}""", HealthStatus.InProgress)]
    [InlineData("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer","clusterIP":"10.0.0.1"}}""", HealthStatus.Current)]
    [InlineData("""{"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository","metadata":{"name":"g"},"status":{"conditions":[{"type":"Ready","status":"False","message":"auth"}]}}""", HealthStatus.InProgress)]
    [InlineData("""{"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository","metadata":{"name":"g"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", HealthStatus.Current)]
    [InlineData("""{"apiVersion":"example.com/v1","kind":"W","metadata":{"name":"w"},"status":{"conditions":[{"type":"Reconciling","status":"True"},{"type":"Ready","status":"True"}]}}""", HealthStatus.InProgress)]
    [InlineData("""{"apiVersion":"example.com/v1","kind":"W","metadata":{"name":"w"},"status":{"conditions":[{"type":"Stalled","status":"True"}]}}""", HealthStatus.Failed)]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","deletionTimestamp":"2024-01-01T00:00:00Z"}}""", HealthStatus.Terminating)]
    public void General_rules(string json, HealthStatus status) =>
        Assert.Equal(status, KStatus.Compute(Objects.Parse(json)).Status);

    [Fact]
    public void A_missing_object_is_not_found() =>
        Assert.Equal(HealthStatus.NotFound, KStatus.Compute(null).Status);
}
