using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Sos.Grains.Abstractions;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// Makes the OpenAPI document say what the endpoints really take: the request bodies are read leniently (so a wrong
/// field gets a precise 400), and this puts the contract back: required fields, formats, allowed values, id formats.
/// </summary>
internal static class DeviceApiOpenApi
{
    /// <summary>Adds the transformers to <paramref name="options"/>.</summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(PressBody))
            {
                schema.Required = new HashSet<string> { "pressId" };
                Property(schema, "pressId", JsonSchemaType.String, "uuid");
                Property(schema, "pressedAt", JsonSchemaType.String, "date-time");
            }
            else if (type == typeof(HeartbeatBody))
            {
                schema.Required = new HashSet<string> { "camera", "audio", "tamper", "power" };
                Property(schema, "camera", JsonSchemaType.String, null, "ok", "fault");
                Property(schema, "audio", JsonSchemaType.String, null, "ok", "fault");
                Property(schema, "tamper", JsonSchemaType.Boolean, null);
                Property(schema, "power", JsonSchemaType.String, null, "mains", "battery");
                Property(schema, "firmware", JsonSchemaType.String, null);
                if (schema.Properties?.TryGetValue("firmware", out var firmware) == true && firmware is OpenApiSchema text)
                {
                    text.MaxLength = 100;
                }
            }

            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter is not OpenApiParameter { Schema: OpenApiSchema schema } described)
                {
                    continue;
                }

                switch (parameter.Name)
                {
                    case "kioskId":
                        schema.Pattern = KioskIds.Pattern;
                        schema.MaxLength = KioskIds.MaxLength;
                        described.Description = "The kiosk's id, such as pvl-embankment-01.";
                        break;
                    case "callId":
                        schema.Format = "uuid";
                        described.Description = "The callId a press answered with.";
                        break;
                }
            }

            return Task.CompletedTask;
        });
    }

    private static void Property(OpenApiSchema schema, string name, JsonSchemaType type, string? format, params string[] values)
    {
        if (schema.Properties?.TryGetValue(name, out var property) != true || property is not OpenApiSchema described)
        {
            return;
        }

        described.Type = type;
        described.Format = format;
        if (values.Length > 0)
        {
            described.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }
    }
}
