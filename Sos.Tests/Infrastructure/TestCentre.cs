using Microsoft.Extensions.Time.Testing;
using Sos.Grains.Abstractions;

namespace Sos.Tests.Infrastructure;

/// <summary>
/// A fresh operations centre for one test: its own id, kiosks and operators (no key is shared between tests),
/// and recorders on its call, operator and escalation streams, subscribed before anything happens in it.
/// </summary>
public sealed class TestCentre : IAsyncDisposable
{
    private readonly IClusterClient client;
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> pressed = [];
    private int kiosks;

    private TestCentre(ClusterFixture fixture, string id)
    {
        client = fixture.Client;
        Clock = fixture.Clock;
        Id = id;
        Routing = client.GetRouting(id);
    }

    /// <summary>The centre id.</summary>
    public string Id { get; }

    /// <summary>The centre's routing.</summary>
    public IRoutingGrain Routing { get; }

    /// <summary>The cluster's clock.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Every call change of the centre.</summary>
    public StreamRecorder<CallSnapshot> Calls { get; private set; } = null!;

    /// <summary>Every operator change of the centre.</summary>
    public StreamRecorder<OperatorSnapshot> Operators { get; private set; } = null!;

    /// <summary>Every escalation of the centre.</summary>
    public StreamRecorder<CallEscalation> Escalations { get; private set; } = null!;

    /// <summary>Starts a centre with its own id, using <paramref name="strategy"/> when given.</summary>
    public static async Task<TestCentre> StartAsync(ClusterFixture fixture, RoutingStrategy? strategy = null)
    {
        var centre = new TestCentre(fixture, $"centre-{Guid.NewGuid():N}");
        var streams = fixture.Client.GetStreamProvider(SosConstants.StreamProvider);
        centre.Calls = await StreamRecorder<CallSnapshot>.SubscribeAsync(streams.CallChanges(centre.Id));
        centre.Operators = await StreamRecorder<OperatorSnapshot>.SubscribeAsync(streams.OperatorChanges(centre.Id));
        centre.Escalations = await StreamRecorder<CallEscalation>.SubscribeAsync(streams.Escalations(centre.Id));
        if (strategy is { } chosen)
        {
            await centre.Routing.SetStrategyAsync(chosen, Actors.Tool("test"));
        }

        return centre;
    }

    /// <summary>The login of an operator of this centre (unique to the test).</summary>
    public string Login(string name) => $"{name}@{Id}";

    /// <summary>Registers a kiosk of this centre and moves it to <paramref name="lifecycle"/>.</summary>
    public async Task<IKioskGrain> AddKioskAsync(KioskLifecycle lifecycle = KioskLifecycle.InService)
    {
        var kioskId = $"{Id}-kiosk-{++kiosks}";
        var kiosk = client.GetKiosk(kioskId);
        await kiosk.RegisterAsync(new KioskRegistration($"Kiosk {kiosks}", $"Embankment {kiosks}", 52.288, 76.942, "Central", Id), Actors.Tool("test"));
        if (lifecycle != KioskLifecycle.Commissioning)
        {
            await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.Tool("test"));
            if (lifecycle != KioskLifecycle.InService)
            {
                await kiosk.ChangeLifecycleAsync(lifecycle, Actors.Tool("test"));
            }
        }

        return kiosk;
    }

    /// <summary>
    /// Registers a patrol unit of this centre (its callsign made unique to the test), on duty at the given place
    /// with a fix taken now; returns its id.
    /// </summary>
    public async Task<string> AddUnitAsync(string callsign, double latitude, double longitude, UnitStatus status = UnitStatus.Available, TimeSpan? fixAge = null)
    {
        var unitId = $"{callsign}-{Id[^8..]}";
        var unit = client.GetUnit(unitId);
        await unit.RegisterAsync(new UnitProfile(unitId, UnitKind.Car, "Central", Id, []), Actors.Tool("test"));
        await unit.ReportPositionAsync(new GeoFix(latitude, longitude, 10, Clock.GetUtcNow() - (fixAge ?? TimeSpan.Zero), "gps"));
        await unit.SetStatusAsync(status, Actors.Tool("test"));
        return unitId;
    }

    /// <summary>A kiosk of this centre is pressed and <paramref name="name"/> answers; returns the connected call.</summary>
    public async Task<CallSnapshot> AnsweredCallAsync(string name)
    {
        await AvailableAsync(name);
        var receipt = await PressAsync(await AddKioskAsync());
        await RingsAsync(receipt.CallId, name);
        return await AnswerAsync(name, receipt.CallId);
    }

    /// <summary>Gives <paramref name="name"/> an account with <paramref name="roles"/> (a supervisor by default) in this centre, or in <paramref name="centreId"/>.</summary>
    public Task<AccountSnapshot> AccountAsync(string name, AccountRole[]? roles = null, string? centreId = null) =>
        client.GetAccount(Login(name)).CreateAsync(new AccountProfile(name, [.. roles ?? [AccountRole.Supervisor]], centreId ?? Id), "a long test password", Actors.Tool("test"));

    /// <summary>The operator signs in and goes Available; returns once routing has heard of it.</summary>
    public async Task<OperatorSnapshot> AvailableAsync(string name)
    {
        var available = await Operator(name).ChangePresenceAsync(Id, OperatorPresence.Available);
        await RoutingSeesAsync(name);
        return available;
    }

    /// <summary>A fresh press on the kiosk.</summary>
    public async Task<PressReceipt> PressAsync(IKioskGrain kiosk)
    {
        var receipt = await kiosk.PressAsync(new PressRequest(Guid.NewGuid(), Clock.GetUtcNow()));
        pressed.Add(receipt.CallId);
        return receipt;
    }

    /// <summary>
    /// A press, and then the barrier: the same routing request the stream carries, resent directly, so the test
    /// knows routing holds the call when this returns (resending is idempotent).
    /// </summary>
    public async Task<PressReceipt> PressAndQueueAsync(IKioskGrain kiosk)
    {
        var receipt = await PressAsync(kiosk);
        await ResubmitAsync(receipt.CallId);
        return receipt;
    }

    /// <summary>Sends routing the call as it is now (priority), as the kiosk does; idempotent.</summary>
    public async Task ResubmitAsync(Guid callId)
    {
        var call = await client.GetCall(callId).GetAsync();
        await Routing.SubmitAsync(new RoutingRequest(call.CallId, call.KioskId, call.Priority, call.OpenedAt));
    }

    /// <summary>Waits until the operator's presence is <paramref name="presence"/>, counting only changes after <paramref name="after"/>.</summary>
    public Task<OperatorSnapshot> BecomesAsync(string name, OperatorPresence presence, int after) =>
        Operators.WaitForAsync(o => o.Login == Login(name) && o.Presence == presence, $"{name} becoming {presence}", after);

    /// <summary>The operator answers the call that rings them; returns once routing has heard of it.</summary>
    public async Task<CallSnapshot> AnswerAsync(string name, Guid callId)
    {
        var connected = await Operator(name).AnswerAsync(callId);
        await RoutingSeesAsync(name);
        return connected;
    }

    /// <summary>The operator ends the conversation with a disposition; returns once routing has heard of it.</summary>
    public async Task<CallSnapshot> FinishAsync(string name, Guid callId, CallClosure closure)
    {
        var finished = await Operator(name).FinishCallAsync(callId, closure);
        await RoutingSeesAsync(name);
        return finished;
    }

    /// <summary>The operator ends their wrap-up; returns once routing has heard of it.</summary>
    public async Task<OperatorSnapshot> EndWrapUpAsync(string name)
    {
        var available = await Operator(name).EndWrapUpAsync();
        await RoutingSeesAsync(name);
        return available;
    }

    /// <summary>
    /// Waits until routing holds the operator as their grain has them now (operators tell routing one way): the
    /// test's barrier before it looks at what routing did next.
    /// </summary>
    public async Task RoutingSeesAsync(string name)
    {
        var grain = Operator(name);
        await Poll.UntilAsync(
            async () => (Operator: await grain.GetAsync(), Routing: await Routing.GetAsync()),
            seen => seen.Routing.Operators.FirstOrDefault(o => o.Login == seen.Operator.Login) is { } held
                && held.Presence == seen.Operator.Presence && held.CallId == seen.Operator.CallId,
            $"routing of {Id} hearing where {name} is",
            TimeSpan.FromSeconds(10));
    }

    /// <summary>The call grain.</summary>
    public ICallSessionGrain Call(Guid callId) => client.GetCall(callId);

    /// <summary>The operator grain.</summary>
    public IOperatorGrain Operator(string name)
    {
        names.Add(name);
        return client.GetOperator(Login(name));
    }

    /// <summary>Waits until the call rings exactly the named operators.</summary>
    public Task<CallSnapshot> RingsAsync(Guid callId, params string[] names)
    {
        var logins = names.Select(Login).Order(StringComparer.Ordinal).ToArray();
        return Calls.WaitForAsync(
            c => c.CallId == callId && c.Status == CallStatus.Ringing && c.RingingOperators.Order(StringComparer.Ordinal).SequenceEqual(logins),
            $"call {callId} ringing {string.Join(", ", names)}");
    }

    /// <summary>
    /// Lets time pass and lets what fell due be acted on: each call pressed in the test (its ring deadline), each
    /// operator (console lease, wrap-up), then routing. Their own timers do the same within a tick; this is the
    /// barrier that makes it happen before the test looks.
    /// </summary>
    public async Task PassAsync(TimeSpan time)
    {
        Clock.Advance(time);
        await Task.WhenAll(pressed.Select(id => client.GetCall(id).TickAsync()));
        await Task.WhenAll(names.Select(name => client.GetOperator(Login(name)).TickAsync()));
        await Routing.TickAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Calls.DisposeAsync();
        await Operators.DisposeAsync();
        await Escalations.DisposeAsync();
    }
}
