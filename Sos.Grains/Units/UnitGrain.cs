using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Units;

/// <summary>
/// One patrol unit: the one owner of its status and last position. Statuses of an incident (Dispatched, EnRoute,
/// OnScene) come only from the incident it is on, which awaits it; the others from its crew or a dispatcher.
/// Every change is published on the centre's unit-changes stream for the map.
/// </summary>
public sealed class UnitGrain(
    [PersistentState("unit", SosConstants.StateStore)] IPersistentState<UnitSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<UnitGrain> logger) : Grain, IUnitGrain
{
    private static readonly UnitStatus[] OwnStatuses = [UnitStatus.Off, UnitStatus.Available, UnitStatus.Busy, UnitStatus.Break, UnitStatus.OutOfService];

    private string UnitId => this.GetPrimaryKeyString();

    private UnitSnapshot Unit => state.RecordExists ? state.State : new UnitSnapshot(UnitId, null, UnitStatus.Off, default);

    /// <inheritdoc />
    public Task<UnitSnapshot> GetAsync() => Task.FromResult(Unit);

    /// <inheritdoc />
    public async Task<UnitSnapshot> RegisterAsync(UnitProfile profile, string actor)
    {
        var problems = new List<string>();
        if (!UnitIds.IsValid(UnitId) || profile.Callsign != UnitId)
        {
            problems.Add($"a callsign of 1–{UnitIds.MaxLength} letters, digits, '-' or '_' that is the unit's id");
        }

        if (string.IsNullOrWhiteSpace(profile.CentreId))
        {
            problems.Add("an operations centre");
        }

        if (!Enum.IsDefined(profile.Kind))
        {
            problems.Add("a kind (car, foot, motorcycle, bicycle)");
        }

        if (problems.Count > 0)
        {
            throw new SosDomainException("unit-incomplete", $"A patrol unit needs {string.Join(", ", problems)}.", string.Join(", ", problems));
        }

        var cleaned = profile with
        {
            District = profile.District?.Trim() ?? string.Empty,
            CentreId = profile.CentreId.Trim(),
            Crew = [.. (profile.Crew.IsDefault ? [] : profile.Crew).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)],
        };
        if (Unit.Profile is { } before && Equivalent(before, cleaned))
        {
            return Unit;
        }

        var created = !Unit.IsRegistered;
        await ChangeAsync(Unit with { Profile = cleaned, StatusSince = created ? clock.GetUtcNow() : Unit.StatusSince });
        await GrainFactory.GetUnitDirectory(cleaned.CentreId).AddAsync(UnitId);
        await AuditAsync(actor, AuditActions.UnitRegistered,
            $"{(created ? "registered" : "changed")}: {cleaned.Kind}, district {cleaned.District}, crew {string.Join(", ", cleaned.Crew)}");
        return Unit;
    }

    /// <inheritdoc />
    public async Task<string> IssueSecretAsync(string actor)
    {
        RequireRegistered();
        var secret = UnitSecrets.Create(UnitId);
        await state.CommitAsync(Unit with { SecretHash = KioskSecrets.Hash(secret) });
        await AuditAsync(actor, AuditActions.UnitSecretIssued, "tracker secret issued");
        return secret;
    }

    /// <inheritdoc />
    public Task<bool> CheckSecretAsync(string secret) =>
        Task.FromResult(Unit.SecretHash is { } hash && secret is { Length: > 0 } && KioskSecrets.Matches(secret, hash));

    /// <inheritdoc />
    public async Task<UnitSnapshot> SetStatusAsync(UnitStatus status, string actor)
    {
        RequireRegistered();
        if (!OwnStatuses.Contains(status))
        {
            throw new SosDomainException("unit-status-of-incident", $"{status} is an incident's step: the incident the unit is on sets it.", status.ToString());
        }

        if (Unit.IncidentId is not null)
        {
            throw new SosDomainException("unit-on-incident", $"Unit {UnitId} is on incident {Unit.IncidentNumber}: the incident releases it first.", UnitId, Unit.IncidentNumber ?? string.Empty);
        }

        return Unit.Status == status ? Unit : await ChangeAsync(Unit with { Status = status, StatusSince = clock.GetUtcNow() });
    }

    /// <inheritdoc />
    public async Task<UnitSnapshot> ReportPositionAsync(GeoFix fix)
    {
        RequireRegistered();
        if (!fix.IsValid)
        {
            throw new SosDomainException("position-invalid", "A position needs a latitude from -90 to 90, a longitude from -180 to 180 and an accuracy of zero or more metres.");
        }

        if (fix.At > clock.GetUtcNow().AddMinutes(5))
        {
            throw new SosDomainException("position-in-future", $"A position measured at {fix.At:O} is in the future; the device's clock is wrong.", fix.At.ToString("O"));
        }

        // Trackers resend what they could not deliver: an older fix never moves the unit back.
        return Unit.Position is { } held && held.At >= fix.At ? Unit : await ChangeAsync(Unit with { Position = fix });
    }

    /// <inheritdoc />
    public async Task<UnitSnapshot> AssignAsync(Guid incidentId, string incidentNumber, string actor)
    {
        RequireRegistered();
        if (Unit.IncidentId == incidentId)
        {
            return Unit;
        }

        if (!Unit.IsAvailable)
        {
            throw new SosDomainException("unit-not-available", Unit.IncidentId is null
                ? $"Unit {UnitId} is {Unit.Status}, not Available."
                : $"Unit {UnitId} is on incident {Unit.IncidentNumber}.", UnitId, Unit.Status.ToString(), Unit.IncidentNumber ?? string.Empty);
        }

        logger.LogInformation("Unit {UnitId} sent to incident {IncidentNumber} by {Actor}", UnitId, incidentNumber, actor);
        return await ChangeAsync(Unit with { Status = UnitStatus.Dispatched, StatusSince = clock.GetUtcNow(), IncidentId = incidentId, IncidentNumber = incidentNumber });
    }

    /// <inheritdoc />
    public async Task<UnitSnapshot> StepAsync(Guid incidentId, AssignmentStep step)
    {
        if (Unit.IncidentId != incidentId)
        {
            throw new SosDomainException("unit-not-on-incident", $"Unit {UnitId} is not on that incident.", UnitId);
        }

        var status = step switch
        {
            AssignmentStep.EnRoute => UnitStatus.EnRoute,
            AssignmentStep.OnScene => UnitStatus.OnScene,
            _ => Unit.Status,
        };
        return status == Unit.Status ? Unit : await ChangeAsync(Unit with { Status = status, StatusSince = clock.GetUtcNow() });
    }

    /// <inheritdoc />
    public async Task<UnitSnapshot> ReleaseAsync(Guid incidentId) =>
        Unit.IncidentId != incidentId
            ? Unit
            : await ChangeAsync(Unit with { Status = UnitStatus.Available, StatusSince = clock.GetUtcNow(), IncidentId = null, IncidentNumber = null });

    private static bool Equivalent(UnitProfile a, UnitProfile b) =>
        a with { Crew = [] } == b with { Crew = [] } && a.Crew.SequenceEqual(b.Crew);

    private void RequireRegistered()
    {
        if (!Unit.IsRegistered)
        {
            throw new SosDomainException("unit-unknown", $"There is no patrol unit {UnitId}.", UnitId);
        }
    }

    private async Task<UnitSnapshot> ChangeAsync(UnitSnapshot next)
    {
        await state.CommitAsync(next);
        if (next.Profile is { } profile)
        {
            await this.GetStreamProvider(SosConstants.StreamProvider).UnitChanges(profile.CentreId).TryPublishAsync(next, logger);
        }

        return next;
    }

    private Task AuditAsync(string actor, string action, string detail) =>
        GrainFactory.GetAudit().AppendAsync(new AuditRecord(actor, action, $"unit:{UnitId}", detail));
}
