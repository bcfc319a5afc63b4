using System.Globalization;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>What an administrator does to a kiosk, in the audit trail.</summary>
public sealed partial class KioskGrain
{
    private static string Describe(KioskRegistration registration) => string.Create(
        CultureInfo.InvariantCulture,
        $"'{registration.Name}', {registration.Address}, {registration.Latitude:0.######} {registration.Longitude:0.######}, district {registration.District}, centre {registration.CentreId}{Media(registration)}");

    private static string Media(KioskRegistration registration) => registration.MediaKind == KioskMediaKind.Browser && registration.Camera is null
        ? string.Empty
        : $", {registration.MediaKind}{(registration.Sip is { } sip ? $" {sip.Uri} ({string.Join("/", sip.Codecs.IsDefault ? [] : sip.Codecs)}{(sip.Registers ? ", registers" : string.Empty)})" : string.Empty)}{(registration.Camera is { } camera ? $", camera {camera.RtspUrl}{(camera.AlwaysOn ? " always on" : string.Empty)}" : string.Empty)}";

    private Task AuditAsync(string actor, string action, string detail) =>
        GrainFactory.GetAudit().AppendAsync(new AuditRecord(actor, action, $"kiosk:{KioskId}", detail));
}
