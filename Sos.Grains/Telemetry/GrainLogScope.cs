using Microsoft.Extensions.Logging;
using Sos.Grains.Calls;
using Sos.Grains.Kiosks;
using Sos.Grains.Media;
using Sos.Grains.Operators;

namespace Sos.Grains.Telemetry;

/// <summary>
/// Puts the call id (or kiosk id, or operator login) of the grain being called on every log line written while it
/// handles the call, Sos's and the frameworks' alike: <c>CallId</c> for a call, its media session and its evidence,
/// <c>KioskId</c>, <c>Login</c>. Shown with <c>Logging:Console:FormatterOptions:IncludeScopes</c> (on by default) and
/// kept as fields by the JSON formatter.
/// </summary>
public sealed class GrainLogScope(ILogger<GrainLogScope> logger) : IIncomingGrainCallFilter
{
    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var scope = context.Grain switch
        {
            CallSessionGrain or MediaSessionGrain or EvidenceGrain => KeyValuePair.Create("CallId", (object)context.TargetId.GetGuidKey()),
            KioskGrain => KeyValuePair.Create("KioskId", (object)context.TargetId.Key.ToString()!),
            OperatorGrain => KeyValuePair.Create("Login", (object)context.TargetId.Key.ToString()!),
            _ => default,
        };

        // Other grains' calls pass straight through, with no frame of their own.
        return scope.Key is null ? context.Invoke() : InScopeAsync(context, scope);
    }

    private async Task InScopeAsync(IIncomingGrainCallContext context, KeyValuePair<string, object> scope)
    {
        using (logger.BeginScope(new[] { scope }))
        {
            await context.Invoke();
        }
    }
}
