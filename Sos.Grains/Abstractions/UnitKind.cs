namespace Sos.Grains.Abstractions;

/// <summary>How a patrol unit moves.</summary>
[GenerateSerializer]
public enum UnitKind
{
    /// <summary>A patrol car.</summary>
    Car = 0,

    /// <summary>Officers on foot.</summary>
    Foot = 1,

    /// <summary>A motorcycle.</summary>
    Motorcycle = 2,

    /// <summary>Bicycles.</summary>
    Bicycle = 3,
}
