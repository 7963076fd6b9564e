using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeApiEmulator.Auth;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Authentication, impersonation and RBAC as the API server does them, judged by kubectl and KubernetesClient.</summary>
public sealed class AuthorizationConformanceTests
{
    private const string Deployer = "system:serviceaccount:team-a:deployer";

    [Fact]
    public async Task Can_i_answers_per_verb_namespace_resource_subresource_and_name()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "role", "cm-writer", "-n", "team-a", "--verb=create,get", "--resource=configmaps");
        await Kubectl.Ok(server, null, "create", "rolebinding", "deployer-cm", "-n", "team-a", "--role=cm-writer", "--serviceaccount=team-a:deployer");
        await Kubectl.Ok(server, null, "create", "clusterrole", "status-reader", "--verb=get", "--resource=deployments/status");
        await Kubectl.Ok(server, null, "create", "rolebinding", "deployer-status", "-n", "team-a", "--clusterrole=status-reader", "--serviceaccount=team-a:deployer");
        await Kubectl.Ok(server, null, "create", "clusterrole", "one-secret", "--verb=get", "--resource=secrets", "--resource-name=token");
        await Kubectl.Ok(server, null, "create", "rolebinding", "deployer-secret", "-n", "team-a", "--clusterrole=one-secret", "--serviceaccount=team-a:deployer");

        async Task<string> CanI(params string[] args) => (await Kubectl.Run(server, null, ["auth", "can-i", .. args, "--as", Deployer])).Out.Trim();

        Assert.Equal("yes", await CanI("create", "configmaps", "-n", "team-a"));
        Assert.Equal("yes", await CanI("get", "configmaps", "-n", "team-a"));
        Assert.Equal("no", await CanI("delete", "configmaps", "-n", "team-a"));
        Assert.Equal("no", await CanI("create", "configmaps", "-n", "team-b"));
        Assert.Equal("no", await CanI("create", "configmaps", "--all-namespaces"));
        Assert.Equal("yes", await CanI("get", "deployments", "--subresource=status", "-n", "team-a"));
        Assert.Equal("no", await CanI("get", "deployments", "-n", "team-a"));
        Assert.Equal("no", await CanI("get", "deployments", "--subresource=status", "-n", "team-b"));
        Assert.Equal("yes", await CanI("get", "secrets/token", "-n", "team-a"));
        Assert.Equal("no", await CanI("get", "secrets/other", "-n", "team-a"));
        Assert.Equal("no", await CanI("list", "secrets", "-n", "team-a"));
    }

    [Fact]
    public async Task Allowed_creates_succeed_and_denied_ones_carry_the_api_servers_message()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "role", "cm-writer", "-n", "team-a", "--verb=create", "--resource=configmaps");
        await Kubectl.Ok(server, null, "create", "rolebinding", "deployer-cm", "-n", "team-a", "--role=cm-writer", "--serviceaccount=team-a:deployer");

        await Kubectl.Ok(server, null, "create", "configmap", "settings", "-n", "team-a", "--as", Deployer);
        Assert.NotNull(server.Get("v1", "ConfigMap", "team-a", "settings"));

        var (code, _, error) = await Kubectl.Run(server, null, "create", "configmap", "settings", "-n", "team-b", "--as", Deployer);
        Assert.NotEqual(0, code);
        Assert.Contains("configmaps is forbidden: User \"system:serviceaccount:team-a:deployer\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"team-b\"", error, StringComparison.Ordinal);

        (code, _, error) = await Kubectl.Run(server, null, "create", "namespace", "team-c", "--as", Deployer);
        Assert.NotEqual(0, code);
        Assert.Contains("namespaces is forbidden: User \"system:serviceaccount:team-a:deployer\" cannot create resource \"namespaces\" in API group \"\" at the cluster scope", error, StringComparison.Ordinal);
        Assert.Null(server.Get("v1", "Namespace", null, "team-c"));

        // The same denial through KubernetesClient: a 403 Status with reason Forbidden and the resource in its details.
        using var client = server.CreateClient(UserInfo.ServiceAccount("team-a", "deployer"));
        var denied = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.ReadNamespacedConfigMapAsync("settings", "team-a"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Response.StatusCode);
        var status = JsonNode.Parse(denied.Response.Content)!;
        Assert.Equal("Forbidden", status["reason"]!.ToString());
        Assert.Equal("configmaps \"settings\" is forbidden: User \"system:serviceaccount:team-a:deployer\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"team-a\"",
            status["message"]!.ToString());
        Assert.Equal("configmaps", status["details"]!["kind"]!.ToString());
    }

    [Fact]
    public async Task A_server_side_apply_that_creates_needs_create_and_one_that_updates_needs_patch()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "role", "cm-patcher", "-n", "team-a", "--verb=get,patch", "--resource=configmaps");
        await Kubectl.Ok(server, null, "create", "rolebinding", "deployer-cm", "-n", "team-a", "--role=cm-patcher", "--serviceaccount=team-a:deployer");
        const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team-a}\ndata: {a: b}\n";

        var (code, _, error) = await Kubectl.Run(server, ConfigMap, "apply", "--server-side", "-f", "-", "--as", Deployer);
        Assert.NotEqual(0, code);
        Assert.Contains("configmaps \"settings\" is forbidden: User \"system:serviceaccount:team-a:deployer\" cannot create resource \"configmaps\"", error, StringComparison.Ordinal);
        Assert.Null(server.Get("v1", "ConfigMap", "team-a", "settings"));

        await Kubectl.Ok(server, ConfigMap, "apply", "--server-side", "-f", "-");
        await Kubectl.Ok(server, ConfigMap.Replace("a: b", "a: c", StringComparison.Ordinal), "apply", "--server-side", "--force-conflicts", "-f", "-", "--as", Deployer);
        Assert.Equal("c", server.Get("v1", "ConfigMap", "team-a", "settings")!["data"]!["a"]!.ToString());
    }

    [Fact]
    public async Task Group_bindings_grant_to_every_member_and_only_to_members()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "clusterrolebinding", "readers-view", "--clusterrole=view", "--group=readers");

        Assert.Equal("yes", (await Kubectl.Run(server, null, "auth", "can-i", "list", "configmaps", "-n", "team-b", "--as=bob", "--as-group=readers")).Out.Trim());
        Assert.Equal("no", (await Kubectl.Run(server, null, "auth", "can-i", "list", "configmaps", "-n", "team-b", "--as=bob")).Out.Trim());
        Assert.Equal("no", (await Kubectl.Run(server, null, "auth", "can-i", "create", "configmaps", "-n", "team-b", "--as=bob", "--as-group=readers")).Out.Trim());

        // Every service account of a namespace is in system:serviceaccounts:<ns>.
        await Kubectl.Ok(server, null, "create", "rolebinding", "team-a-sas", "-n", "team-b", "--clusterrole=edit", "--group=system:serviceaccounts:team-a");
        Assert.Equal("yes", (await Kubectl.Run(server, null, "auth", "can-i", "create", "configmaps", "-n", "team-b", "--as", Deployer)).Out.Trim());
        Assert.Equal("no", (await Kubectl.Run(server, null, "auth", "can-i", "create", "configmaps", "-n", "team-b", "--as=system:serviceaccount:team-c:x")).Out.Trim());
    }

    [Fact]
    public async Task The_four_bootstrap_roles_exist_and_nest_view_in_edit_in_admin()
    {
        await using var server = await StartWithTeams();
        var roles = JsonNode.Parse(await Kubectl.Ok(server, null, "get", "clusterroles", "cluster-admin", "admin", "edit", "view", "-o", "json"))!["items"]!.AsArray();
        Assert.Equal(["cluster-admin", "admin", "edit", "view"], roles.Select(r => r!["metadata"]!["name"]!.ToString()));
        Assert.Equal("true", roles[2]!["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-admin"]!.ToString());
        Assert.Equal("true", roles[3]!["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-edit"]!.ToString());

        foreach (var (role, user) in new[] { ("view", "viewer"), ("edit", "editor"), ("admin", "administrator") })
        {
            await Kubectl.Ok(server, null, "create", "rolebinding", user, "-n", "team-a", $"--clusterrole={role}", $"--user={user}");
        }

        async Task<string> CanI(string user, params string[] args) => (await Kubectl.Run(server, null, ["auth", "can-i", .. args, "-n", "team-a", "--as", user])).Out.Trim();

        Assert.Equal(["yes", "yes", "yes"], [await CanI("viewer", "get", "deployments.apps"), await CanI("editor", "get", "deployments.apps"), await CanI("administrator", "get", "deployments.apps")]);
        Assert.Equal(["no", "yes", "yes"], [await CanI("viewer", "create", "deployments.apps"), await CanI("editor", "create", "deployments.apps"), await CanI("administrator", "create", "deployments.apps")]);
        Assert.Equal(["no", "yes", "yes"], [await CanI("viewer", "get", "secrets"), await CanI("editor", "get", "secrets"), await CanI("administrator", "get", "secrets")]);
        Assert.Equal(["no", "no", "yes"], [await CanI("viewer", "create", "roles.rbac.authorization.k8s.io"), await CanI("editor", "create", "roles.rbac.authorization.k8s.io"), await CanI("administrator", "create", "roles.rbac.authorization.k8s.io")]);
        Assert.Equal("no", await CanI("administrator", "create", "namespaces"));
        Assert.Equal("no", (await Kubectl.Run(server, null, "auth", "can-i", "get", "configmaps", "-n", "team-b", "--as", "administrator")).Out.Trim());
    }

    [Fact]
    public async Task A_labelled_cluster_role_is_aggregated_into_edit_and_removed_again()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, Manifests.WidgetCrd, "apply", "-f", "-");
        await Kubectl.Ok(server, null, "create", "rolebinding", "editor", "-n", "team-a", "--clusterrole=edit", "--user=editor");
        using var client = server.CreateClient();
        using var timeout = new CancellationTokenSource();
        var edit = await client.RbacAuthorizationV1.ReadClusterRoleAsync("edit");
        var changes = client.RbacAuthorizationV1.WatchListClusterRoleAsync(fieldSelector: "metadata.name=edit", resourceVersion: edit.Metadata.ResourceVersion, cancellationToken: timeout.Token);

        await Kubectl.Ok(server, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: widgets-edit
              labels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}
            rules:
            - apiGroups: [example.com]
              resources: [widgets]
              verbs: [create, patch]
            """, "apply", "--server-side", "-f", "-");

        // The watch resumes from before the write, so it sees the controller's update however early it came.
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        await foreach (var (_, role) in changes)
        {
            if (role.Rules.Any(r => r.Resources?.Contains("widgets") == true))
            {
                break;
            }
        }

        Assert.Equal("yes", (await Kubectl.Run(server, null, "auth", "can-i", "patch", "widgets.example.com", "-n", "team-a", "--as=editor")).Out.Trim());

        await Kubectl.Ok(server, null, "label", "clusterrole", "widgets-edit", "rbac.authorization.k8s.io/aggregate-to-edit-");
        await server.Access.AggregationSettledAsync();
        Assert.Equal("no", (await Kubectl.Run(server, null, "auth", "can-i", "patch", "widgets.example.com", "-n", "team-a", "--as=editor")).Out.Trim());
        Assert.DoesNotContain("widgets", await Kubectl.Ok(server, null, "get", "clusterrole", "edit", "-o", "yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_rbac_objects_is_limited_to_what_the_writer_holds()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "rolebinding", "alice-admin", "-n", "team-a", "--clusterrole=admin", "--user=alice");

        await Kubectl.Ok(server, null, "create", "role", "cm-reader", "-n", "team-a", "--verb=get,list", "--resource=configmaps", "--as=alice");
        await Kubectl.Ok(server, null, "create", "rolebinding", "carol-edit", "-n", "team-a", "--clusterrole=edit", "--user=carol", "--as=alice");

        var (code, _, error) = await Kubectl.Run(server, null, "create", "role", "node-reader", "-n", "team-a", "--verb=get,list", "--resource=nodes", "--as=alice");
        Assert.NotEqual(0, code);
        Assert.Contains("roles.rbac.authorization.k8s.io \"node-reader\" is forbidden: user \"alice\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}",
            error, StringComparison.Ordinal);

        (code, _, error) = await Kubectl.Run(server, null, "create", "rolebinding", "carol-root", "-n", "team-a", "--clusterrole=cluster-admin", "--user=carol", "--as=alice");
        Assert.NotEqual(0, code);
        Assert.Contains("rolebindings.rbac.authorization.k8s.io \"carol-root\" is forbidden: user \"alice\"", error, StringComparison.Ordinal);
        Assert.Null(server.Get("rbac.authorization.k8s.io/v1", "RoleBinding", "team-a", "carol-root"));

        // A patch that would widen a role is judged on its result.
        (code, _, error) = await Kubectl.Run(server, null, "patch", "role", "cm-reader", "-n", "team-a", "--type=json",
            "-p", """[{"op":"add","path":"/rules/0/resources/-","value":"nodes"}]""", "--as=alice");
        Assert.NotEqual(0, code);
        Assert.Contains("is attempting to grant RBAC permissions not currently held", error, StringComparison.Ordinal);

        // bind on a role lets one bind it without holding it.
        await Kubectl.Ok(server, null, "create", "clusterrole", "bind-root", "--verb=bind", "--resource=clusterroles", "--resource-name=cluster-admin");
        await Kubectl.Ok(server, null, "create", "rolebinding", "alice-bind", "-n", "team-a", "--clusterrole=bind-root", "--user=alice");
        await Kubectl.Ok(server, null, "create", "rolebinding", "carol-root", "-n", "team-a", "--clusterrole=cluster-admin", "--user=carol", "--as=alice");

        (code, _, error) = await Kubectl.Run(server, null, "create", "clusterrole", "sneaky", "--aggregation-rule=x=y", "--as=alice");
        Assert.NotEqual(0, code);
        Assert.Contains("clusterroles.rbac.authorization.k8s.io is forbidden", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rbac_objects_kubectl_sends_as_protobuf_are_stored_whole()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "clusterrole", "aggregated", "--aggregation-rule=team=a,tier=web");
        await Kubectl.Ok(server, null, "create", "role", "named", "-n", "team-a", "--verb=get,update", "--resource=deployments.apps/status,configmaps", "--resource-name=one");
        await Kubectl.Ok(server, null, "create", "clusterrole", "paths", "--verb=get", "--non-resource-url=/metrics,/logs/*");
        await Kubectl.Ok(server, null, "create", "clusterrolebinding", "both", "--clusterrole=paths", "--user=u", "--group=g", "--serviceaccount=team-a:sa");

        var aggregated = server.Get("rbac.authorization.k8s.io/v1", "ClusterRole", null, "aggregated")!;
        var selector = aggregated["aggregationRule"]!["clusterRoleSelectors"]![0]!["matchLabels"]!;
        Assert.Equal(("a", "web"), (selector["team"]!.ToString(), selector["tier"]!.ToString()));
        var named = server.Get("rbac.authorization.k8s.io/v1", "Role", "team-a", "named")!["rules"]!.AsArray();
        Assert.Contains(named, r => r!["apiGroups"]![0]!.ToString() == "apps" && r["resources"]![0]!.ToString() == "deployments/status" && r["resourceNames"]![0]!.ToString() == "one");
        Assert.Contains(named, r => r!["apiGroups"]![0]!.ToString() == "" && r["resources"]![0]!.ToString() == "configmaps" && r["verbs"]!.AsArray().Count == 2);
        var paths = server.Get("rbac.authorization.k8s.io/v1", "ClusterRole", null, "paths")!["rules"]![0]!;
        Assert.Equal(["/metrics", "/logs/*"], paths["nonResourceURLs"]!.AsArray().Select(u => u!.ToString()));
        var subjects = server.Get("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "both")!["subjects"]!.AsArray();
        Assert.Equal(["User/u", "Group/g", "ServiceAccount/team-a/sa"],
            subjects.Select(s => string.Join('/', new[] { s!["kind"]!.ToString(), s["namespace"]?.ToString(), s["name"]!.ToString() }.Where(p => p is not null))));

        Assert.Equal("yes", (await Kubectl.Run(server, null, "auth", "can-i", "get", "/logs/today", "--as=u")).Out.Trim());
        Assert.Equal("no", (await Kubectl.Run(server, null, "auth", "can-i", "get", "/metrics/more", "--as=u")).Out.Trim());
    }

    [Fact]
    public async Task Rules_review_lists_what_a_user_holds_in_a_namespace()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "role", "cm-writer", "-n", "team-a", "--verb=create,get", "--resource=configmaps");
        await Kubectl.Ok(server, null, "create", "rolebinding", "deployer-cm", "-n", "team-a", "--role=cm-writer", "--serviceaccount=team-a:deployer");

        var inTeamA = await Kubectl.Ok(server, null, "auth", "can-i", "--list", "-n", "team-a", "--as", Deployer);
        Assert.Contains(inTeamA.Split('\n'), l => l.StartsWith("configmaps ", StringComparison.Ordinal) && l.Contains("[create get]", StringComparison.Ordinal));
        Assert.Contains("selfsubjectaccessreviews.authorization.k8s.io", inTeamA, StringComparison.Ordinal);
        var inTeamB = await Kubectl.Ok(server, null, "auth", "can-i", "--list", "-n", "team-b", "--as", Deployer);
        Assert.DoesNotContain(inTeamB.Split('\n'), l => l.StartsWith("configmaps ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subject_access_review_decides_for_another_user_and_names_the_granting_binding()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "rolebinding", "dora-view", "-n", "team-a", "--clusterrole=view", "--user=dora");
        await Kubectl.Ok(server, null, "create", "rolebinding", "dora-gone", "-n", "team-b", "--role=gone", "--user=dora");
        using var client = server.CreateClient();

        var allowed = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec { User = "dora", ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = "team-a", Verb = "list", Resource = "configmaps" } },
        });
        Assert.True(allowed.Status.Allowed);
        Assert.Equal("RBAC: allowed by RoleBinding \"dora-view/team-a\" of ClusterRole \"view\" to User \"dora\"", allowed.Status.Reason);

        var denied = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec { User = "dora", ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = "team-b", Verb = "list", Resource = "configmaps" } },
        });
        Assert.False(denied.Status.Allowed);
        Assert.Equal("RBAC: role.rbac.authorization.k8s.io \"gone\" not found", denied.Status.Reason);

        // Only those allowed to create SubjectAccessReviews may ask about others.
        using var dora = server.CreateClient(UserInfo.User("dora"));
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => dora.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec { User = "admin", ResourceAttributes = new V1ResourceAttributes { Verb = "get", Resource = "nodes" } },
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        var self = await dora.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
        {
            Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = "team-a", Verb = "watch", Resource = "configmaps" } },
        });
        Assert.True(self.Status.Allowed);
    }

    [Fact]
    public async Task Lists_and_watches_are_authorized_as_their_own_verbs()
    {
        await using var server = await StartWithTeams();
        await Kubectl.Ok(server, null, "create", "role", "lister", "-n", "team-a", "--verb=list", "--resource=configmaps");
        await Kubectl.Ok(server, null, "create", "rolebinding", "lister", "-n", "team-a", "--role=lister", "--serviceaccount=team-a:deployer");
        using var client = server.CreateClient(UserInfo.ServiceAccount("team-a", "deployer"));

        Assert.NotNull(await client.CoreV1.ListNamespacedConfigMapAsync("team-a"));
        var watch = await Assert.ThrowsAsync<HttpOperationException>(async () =>
        {
            await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("team-a"))
            {
            }
        });
        Assert.Equal(HttpStatusCode.Forbidden, watch.Response.StatusCode);
        Assert.Contains("cannot watch resource \"configmaps\"", JsonNode.Parse(watch.Response.Content)!["message"]!.ToString(), StringComparison.Ordinal);
        var elsewhere = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListConfigMapForAllNamespacesAsync());
        Assert.Contains("cannot list resource \"configmaps\" in API group \"\" at the cluster scope", JsonNode.Parse(elsewhere.Response.Content)!["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impersonation_needs_the_impersonate_verb_and_yields_the_impersonated_identity()
    {
        await using var server = await StartWithTeams();
        var carol = server.Access.AddToken(UserInfo.User("carol"));
        using var asCarol = new ApiCall(server.Url, carol);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/team-a/configmaps");
        request.Headers.Add("Impersonate-User", "bob");
        var response = await asCarol.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("users \"bob\" is forbidden: User \"carol\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.ToString());

        await Kubectl.Ok(server, null, "create", "clusterrole", "impersonate-bob", "--verb=impersonate", "--resource=users", "--resource-name=bob");
        await Kubectl.Ok(server, null, "create", "clusterrolebinding", "carol-as-bob", "--clusterrole=impersonate-bob", "--user=carol");
        using var whoami = new HttpRequestMessage(HttpMethod.Post, "/apis/authentication.k8s.io/v1/selfsubjectreviews")
        {
            Content = new StringContent("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        whoami.Headers.Add("Impersonate-User", "bob");
        var answer = JsonNode.Parse(await (await asCarol.Http.SendAsync(whoami)).Content.ReadAsStringAsync())!;
        Assert.Equal("bob", answer["status"]!["userInfo"]!["username"]!.ToString());
        Assert.Equal(["system:authenticated"], answer["status"]!["userInfo"]!["groups"]!.AsArray().Select(g => g!.ToString()));

        var whoamiSa = await Kubectl.Ok(server, null, "auth", "whoami", "-o", "json", "--as", Deployer);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"],
            JsonNode.Parse(whoamiSa)!["status"]!["userInfo"]!["groups"]!.AsArray().Select(g => g!.ToString()));
    }

    [Fact]
    public async Task An_unknown_token_is_unauthorized_and_extra_tokens_name_their_users()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            Tokens = new Dictionary<string, UserInfo> { ["operator-token"] = UserInfo.ServiceAccount("flux-system", "flux-operator") },
        });
        using var stranger = new ApiCall(server.Url, "not-a-token");
        var (code, body) = await stranger.Get("/api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Unauthorized, code);
        Assert.Equal("Unauthorized", body!["reason"]!.ToString());

        using var operatorCall = new ApiCall(server.Url, "operator-token");
        (code, body) = await operatorCall.Get("/api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Contains("User \"system:serviceaccount:flux-system:flux-operator\" cannot list resource \"namespaces\"", body!["message"]!.ToString(), StringComparison.Ordinal);
        (code, _) = await operatorCall.Get("/version");
        Assert.Equal(HttpStatusCode.OK, code);
    }

    [Fact]
    public async Task A_kubeconfig_written_for_a_user_acts_as_that_user_for_kubectl_and_kubernetes_client()
    {
        await using var server = await StartWithTeams();
        var path = server.WriteKubeconfig(UserInfo.ServiceAccount("team-a", "deployer"));
        try
        {
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
            var review = await client.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview());
            Assert.Equal(Deployer, review.Status.UserInfo.Username);

            var (code, _, error) = await Kubectl.Run(server, null, "--kubeconfig", path, "get", "configmaps", "-n", "team-a");
            Assert.NotEqual(0, code);
            Assert.Contains($"User \"{Deployer}\" cannot list resource \"configmaps\"", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task With_authorization_off_every_request_is_allowed()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Authorization = false });
        using var stranger = new ApiCall(server.Url, "anything");
        var (code, _) = await stranger.Post("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"free"}}""");
        Assert.Equal(HttpStatusCode.Created, code);
    }

    private static async Task<KubeApiServer> StartWithTeams()
    {
        var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { InitialNamespaces = ["default", "kube-system", "team-a", "team-b"] });
        await server.Access.AggregationSettledAsync();
        return server;
    }
}
