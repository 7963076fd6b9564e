using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;
using k8s.Models;

namespace FluxOperator.Controllers.Tests.Reconciliation;

public class NotificationForwarderTests
{
    [Theory]
    [InlineData(null, false, null, null, "http://notification-controller.flux-system.svc.cluster.local./")]
    [InlineData(null, false, null, "example.internal", "http://notification-controller.flux-system.svc.example.internal./")]
    [InlineData("http://events.example.com/hook", true, null, null, "http://events.example.com/hook")]
    [InlineData(null, true, null, null, null)]
    [InlineData(null, false, "source-controller", null, null)]
    public void Events_go_to_the_explicit_address_else_to_the_instances_notification_controller(string? address, bool disabled, string? onlyComponent, string? domain, string? expected)
    {
        var instance = new FluxInstance
        {
            Metadata = new V1ObjectMeta { Name = "flux", NamespaceProperty = "flux-system" },
            Spec = new FluxInstanceSpec
            {
                Components = onlyComponent is null ? null : [onlyComponent],
                Cluster = domain is null ? null : new Cluster { Domain = domain },
            },
        };

        Assert.Equal(expected, NotificationForwarder.Target(instance, address, disabled)?.ToString());
    }
}
