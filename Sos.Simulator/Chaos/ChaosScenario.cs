using System.Text.Json.Serialization;

namespace Sos.Simulator.Chaos;

/// <summary>Which silo a kill takes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChaosScenario>))]
public enum ChaosScenario
{
    /// <summary>A silo that does not hold the centre's routing grain: kiosk, call, operator and stream grains die with it.</summary>
    OtherSilo,

    /// <summary>The silo that holds the centre's routing grain (found with <c>IManagementGrain.GetActivationAddress</c>).</summary>
    RoutingSilo,
}
