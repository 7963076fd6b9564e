namespace KubeApiEmulator.Tests.TestSupport;

/// <summary>A small test CRD that uses every schema feature the emulator enforces, and builders for its objects.</summary>
public static class GadgetCrd
{
    /// <summary>The CRD (YAML).</summary>
    public const string Yaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: gadgets, singular: gadget, kind: Gadget, listKind: GadgetList}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                description: Gadget is a test kind.
                x-kubernetes-validations:
                - rule: self.metadata.name.startsWith('g-')
                  message: gadget names start with g-
                properties:
                  spec:
                    type: object
                    description: The gadget's desired state.
                    required: [mode]
                    x-kubernetes-validations:
                    - rule: '!has(self.replicas) || self.replicas <= self.maxReplicas'
                      messageExpression: "'replicas ' + string(self.replicas) + ' exceeds maxReplicas ' + string(self.maxReplicas)"
                      fieldPath: .replicas
                    - rule: self.mode == oldSelf.mode
                      message: mode is immutable
                      reason: FieldValueForbidden
                    - rule: '!oldSelf.hasValue() || !has(oldSelf.value().owner) || has(self.owner)'
                      optionalOldSelf: true
                      message: owner cannot be removed
                    - rule: self.tags.all(t, t.size() > 1)
                    properties:
                      mode: {type: string, enum: [fast, slow], description: How fast.}
                      enabled: {type: boolean, default: true}
                      replicas: {type: integer, minimum: 0, maximum: 10}
                      maxReplicas: {type: integer, default: 5}
                      ratio: {type: number, maximum: 1, exclusiveMaximum: true}
                      name: {type: string, minLength: 2, maxLength: 8, pattern: '^[a-z]+$'}
                      created: {type: string, format: date-time}
                      port: {x-kubernetes-int-or-string: true}
                      tags:
                        type: array
                        items: {type: string}
                        x-kubernetes-list-type: set
                        maxItems: 3
                        default: []
                      ports:
                        type: array
                        minItems: 1
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string}
                            port: {type: integer, default: 80}
                      labels: {type: object, additionalProperties: {type: string}}
                      extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
                      owner: {type: string}
                      note: {type: string, nullable: true}
                  status:
                    type: object
                    properties:
                      phase: {type: string, enum: [Ready, Failed]}
        """;

    /// <summary>The collection path in <c>default</c>.</summary>
    public const string Path = "/apis/example.com/v1/namespaces/default/gadgets";

    /// <summary>A gadget with the given spec (JSON).</summary>
    public static string Gadget(string name, string spec) =>
        $$"""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"{{name}}","namespace":"default"},"spec":{{spec}}}""";
}
