using System.Globalization;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>What an administrator does to a kiosk, in the audit trail.</summary>
public sealed partial class KioskGrain
{
    private static string Describe(KioskRegistration registration) => string.Create(
        CultureInfo.InvariantCulture,
        $"'{registration.Name}', {registration.Address}, {registration.Latitude:0.######} {registration.Longitude:0.######}, district {registration.District}, centre {registration.CentreId}");

    private Task AuditAsync(string actor, string action, string detail) =>
        GrainFactory.GetAudit().AppendAsync(new AuditRecord(actor, action, $"kiosk:{KioskId}", detail));
}
