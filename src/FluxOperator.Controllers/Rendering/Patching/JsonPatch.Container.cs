using System.Globalization;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>The containers a JSON pointer walks through, with the reference library's index rules.</summary>
internal static partial class JsonPatch
{
    /// <summary>A failure inside one step, wrapped by the operation with its context.</summary>
    private sealed class PatchStepException(string message) : Exception(message);

    /// <summary>An object or array the library can get, set, add and remove by key.</summary>
    private sealed class Container(JsonNode node)
    {
        public JsonNode? Get(string key)
        {
            if (node is JsonObject obj)
            {
                return obj[key];
            }

            var array = (JsonArray)node;
            var index = Index(key);
            if (index >= array.Count)
            {
                throw InvalidIndex(index);
            }

            if (index < 0)
            {
                index += array.Count;
                if (index < 0)
                {
                    throw InvalidIndex(index - array.Count);
                }
            }

            return array[index];
        }

        public void Set(string key, JsonNode? value)
        {
            if (node is JsonObject obj)
            {
                obj[key] = value;
                return;
            }

            var array = (JsonArray)node;
            var index = Index(key);
            array[index < 0 ? index + array.Count : index] = value;
        }

        public void Add(string key, JsonNode? value)
        {
            if (node is JsonObject obj)
            {
                obj[key] = value;
                return;
            }

            var array = (JsonArray)node;
            if (key == "-")
            {
                array.Add(value);
                return;
            }

            int index;
            try
            {
                index = Index(key);
            }
            catch (PatchStepException e)
            {
                throw new PatchStepException($"value was not a proper array index: '{key}': {e.Message}");
            }

            var size = array.Count + 1;
            if (index >= size || index < -size)
            {
                throw InvalidIndex(index);
            }

            array.Insert(index < 0 ? index + size : index, value);
        }

        public void Remove(string key)
        {
            if (node is JsonObject obj)
            {
                if (!obj.Remove(key))
                {
                    throw new PatchStepException($"Unable to remove nonexistent key: {key}: missing value");
                }

                return;
            }

            var array = (JsonArray)node;
            var index = Index(key);
            if (index >= array.Count || index < -array.Count)
            {
                throw InvalidIndex(index);
            }

            array.RemoveAt(index < 0 ? index + array.Count : index);
        }

        private static PatchStepException InvalidIndex(int index) =>
            new($"Unable to access invalid index: {index}: invalid index referenced");

        /// <summary>Go's strconv.Atoi, with its error text.</summary>
        private static int Index(string key)
        {
            var digits = key.StartsWith('+') || key.StartsWith('-') ? key[1..] : key;
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            {
                throw new PatchStepException($"strconv.Atoi: parsing \"{key}\": invalid syntax");
            }

            if (!int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
            {
                throw new PatchStepException($"strconv.Atoi: parsing \"{key}\": value out of range");
            }

            return index;
        }
    }
}
