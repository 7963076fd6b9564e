namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>Hand-written base objects for the differential tests: small, but with every list kind the engine treats specially.</summary>
internal static class KustomizeFixtures
{
    public const string Base = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: apps
          labels:
            pod-security.kubernetes.io/warn: restricted
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
          labels:
            app.kubernetes.io/part-of: demo
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: app-role
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, list]
        - apiGroups: [apps]
          resources: [deployments]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: app-binding
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: app-role
        subjects:
        - kind: ServiceAccount
          name: app
          namespace: apps
        - kind: ServiceAccount
          name: default
          namespace: other
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app
          labels:
            app.kubernetes.io/part-of: demo
            app.kubernetes.io/component: app
        imagePullSecrets:
        - name: pull-a
        secrets:
        - name: token-a
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: app
          labels:
            app.kubernetes.io/part-of: demo
            app.kubernetes.io/component: app
          annotations:
            team: blue
        spec:
          selector:
            app: app
          ports:
          - name: http
            port: 80
            protocol: TCP
            targetPort: http
          - name: metrics
            port: 8080
            protocol: TCP
            targetPort: metrics
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
          labels:
            app.kubernetes.io/part-of: demo
            app.kubernetes.io/component: app
          annotations:
            team: blue
          finalizers: [example.com/a]
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: app
          template:
            metadata:
              labels:
                app: app
              annotations:
                prometheus.io/scrape: "true"
            spec:
              serviceAccountName: app
              nodeSelector:
                kubernetes.io/os: linux
              imagePullSecrets:
              - name: pull-a
              tolerations:
              - key: dedicated
                operator: Equal
                value: apps
                effect: NoSchedule
              initContainers:
              - name: init
                image: busybox:1.36
                command: [sh, -c, "true"]
              containers:
              - name: manager
                image: fluxcd/source-controller:v1.0.0
                args:
                - --events-addr=
                - --watch-all-namespaces=true
                - --log-level=info
                env:
                - name: RUNTIME_NAMESPACE
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.namespace
                - name: TUF_ROOT
                  value: /tmp/.sigstore
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef:
                      resource: limits.memory
                ports:
                - containerPort: 9090
                  name: http
                  protocol: TCP
                - containerPort: 8080
                  name: http-prom
                  protocol: TCP
                volumeMounts:
                - name: data
                  mountPath: /data
                - name: tmp
                  mountPath: /tmp
                resources:
                  limits: {cpu: "1", memory: 1Gi}
                  requests: {cpu: 50m, memory: 64Mi}
              - name: sidecar
                image: ghcr.io/example/sidecar:v2@sha256:0000000000000000000000000000000000000000000000000000000000000001
                args: [--port=9000]
              volumes:
              - name: data
                emptyDir: {}
              - name: tmp
                emptyDir: {}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
          labels:
            app.kubernetes.io/part-of: demo
            app.kubernetes.io/component: worker
        spec:
          selector:
            matchLabels:
              app: worker
          template:
            metadata:
              labels:
                app: worker
            spec:
              serviceAccountName: app
              containers:
              - name: manager
                image: fluxcd/kustomize-controller:v1.0.0
                args: [--log-level=info]
                envFrom:
                - configMapRef:
                    name: settings
                env:
                - name: TOKEN
                  valueFrom:
                    secretKeyRef:
                      name: creds
                      key: token
                volumeMounts:
                - name: cache
                  mountPath: /cache
              volumes:
              - name: cache
                persistentVolumeClaim:
                  claimName: cache
              - name: creds
                secret:
                  secretName: creds
              - name: projected
                projected:
                  sources:
                  - configMap:
                      name: settings
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          mode: fast
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: creds
        stringData:
          token: t0ken
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: cleanup
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: cleanup
                    image: fluxcd/flux-cli:v2.0.0
                    env:
                    - name: A
                      value: "1"
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: cache
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1Gi
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-scraping
        spec:
          podSelector: {}
          policyTypes: [Ingress]
          ingress:
          - from:
            - namespaceSelector: {}
            ports:
            - port: 8080
              protocol: TCP
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: sync
          namespace: apps
        spec:
          interval: 10m0s
          path: ./clusters/prod
          prune: true
          dependsOn:
          - name: infra
          - name: crds
          patches:
          - patch: "- op: remove"
            target:
              kind: Deployment
          sourceRef:
            kind: GitRepository
            name: sync
        """;
}
