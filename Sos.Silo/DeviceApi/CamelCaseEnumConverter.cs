using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sos.Silo.DeviceApi;

/// <summary>Writes an enum as its camelCase name (<c>wrapUp</c>), so the device API's JSON never depends on host settings.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
