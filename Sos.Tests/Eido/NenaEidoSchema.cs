using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Sos.Tests.Eido;

/// <summary>
/// NENA's EIDO schema (<c>nena-eido-openapi.yaml</c>, OpenAPI 3.0) as a JSON Schema whose root is
/// <c>EmergencyIncidentDataObjectType</c>: the document's <c>components.schemas</c> become <c>$defs</c>, its YAML scalars
/// JSON values. What the README beside the file says is told here: numbers written with a trailing comma are numbers,
/// and references into the NIEM files that are not included accept anything (Sos writes no NIEM component).
/// </summary>
public static partial class NenaEidoSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>The NIEM references the schema makes, which this validation does not follow.</summary>
    public static readonly IReadOnlyList<string> UnfollowedProperties = ["ncPersonComponent", "ncVehicleComponent", "ncOrganizationComponent", "ncItemComponent", "jCommercialVehicleComponent"];

    /// <summary>Validates <paramref name="document"/>; returns every error with where it is in the document.</summary>
    public static IReadOnlyList<string> Errors(JsonNode document)
    {
        var results = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value} ({d.EvaluationPath})"))];
    }

    private static JsonSchema Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Eido", "nena-eido-openapi.yaml");
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }

        var openApi = (JsonObject)ToJson(yaml.Documents[0].RootNode, key: null)!;
        var defs = (JsonObject)openApi["components"]!["schemas"]!.DeepClone();
        Rewrite(defs);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://sos.invalid/nena-eido.json",
            ["$ref"] = "#/$defs/EmergencyIncidentDataObjectType",
            ["$defs"] = defs,
        };
        return JsonSchema.FromText(root.ToJsonString());
    }

    /// <summary>
    /// OpenAPI's <c>#/components/schemas/X</c> is <c>#/$defs/X</c> here; a reference into a NIEM file is not followed
    /// (the keyword is dropped). A property named "$ref" (ReferenceType's) holds a schema, not a string, and stays.
    /// </summary>
    private static void Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target))
                    {
                        const string local = "#/components/schemas/";
                        if (target.StartsWith(local, StringComparison.Ordinal))
                        {
                            obj["$ref"] = "#/$defs/" + target[local.Length..];
                        }
                        else
                        {
                            obj.Remove("$ref");
                        }
                    }
                    else
                    {
                        Rewrite(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item);
                }

                break;
        }
    }

    private static JsonNode? ToJson(YamlNode node, string? key) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
        {
            var name = ((YamlScalarNode)c.Key).Value!;
            return KeyValuePair.Create(name, ToJson(c.Value, name));
        })),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(c => ToJson(c, null))]),
        YamlScalarNode scalar => Scalar(scalar, key),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar, string? key)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (key is "minItems" or "maxItems" or "minLength" or "maxLength" or "minimum" or "maximum" && Number().Match(text) is { Success: true } number)
        {
            return JsonValue.Create(decimal.Parse(number.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ when long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var integer) && key is not ("description" or "example" or "title") => JsonValue.Create(integer),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex(@"^(-?\d+(?:\.\d+)?),?$")]
    private static partial Regex Number();
}
