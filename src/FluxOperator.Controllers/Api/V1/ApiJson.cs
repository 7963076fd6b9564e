using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FluxOperator.Controllers.Api.V1.Schema;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>JSON options for the API types that write exactly what the Go operator writes.</summary>
/// <remarks>
/// Go's <c>omitempty</c> drops empty strings, lists and maps as well as nil; System.Text.Json only drops
/// null. A resolver modifier closes the gap for every property of our API types and of object metadata,
/// except those marked <see cref="SchemaRequiredAttribute"/> (Go writes those even when empty).
/// Nullable booleans are written when set (also <c>false</c>) so what a user wrote survives a round trip.
/// <c>KubernetesJson</c> can also (de)serialise these types; it only differs by writing empty strings and lists.
/// </remarks>
public static class ApiJson
{
    /// <summary>Shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmpty } },
        };
        options.Converters.Add(new Rfc3339TimeConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmpty(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !FollowsOmitEmpty(info.Type))
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(SchemaRequiredAttribute), inherit: false) == true)
            {
                continue;
            }

            if (property.PropertyType == typeof(string))
            {
                property.ShouldSerialize = static (_, value) => value is string { Length: > 0 };
            }
            else if (typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value is IEnumerable items && HasAny(items);
            }
        }
    }

    private static bool FollowsOmitEmpty(Type type) =>
        type.Namespace == typeof(FluxInstance).Namespace || type == typeof(V1ObjectMeta) || type == typeof(V1ListMeta);

    private static bool HasAny(IEnumerable items)
    {
        if (items is ICollection collection)
        {
            return collection.Count > 0;
        }

        var enumerator = items.GetEnumerator();
        try
        {
            return enumerator.MoveNext();
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }
}
