using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Sos.Grains.Abstractions;

namespace Sos.Console.Services;

/// <summary>
/// One console circuit's media: which calls it watches and talks on, driving the browser's WebRTC module
/// (<c>wwwroot/js/media.js</c>) by JS interop and negotiating every leg with the call's media grain. The server side
/// decides; the browser only makes the connections. A call shown again within <see cref="ReleaseDelay"/> (the ringing
/// card giving way to the active call) keeps its connection.
/// </summary>
public sealed class CallMedia(IJSRuntime js, MediaService media, ILogger<CallMedia> logger) : IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan ReleaseDelay = TimeSpan.FromSeconds(3);

    private readonly Dictionary<Guid, Watch> watches = [];
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Shows the call's kiosk in <paramref name="video"/>, watching it if this console is not yet.</summary>
    public async Task ShowAsync(Guid callId, string login, ElementReference video, bool listening)
    {
        var watch = Get(callId);
        watch.Shown++;
        await js.InvokeVoidAsync("sosMedia.attach", stopping.Token, callId.ToString(), video, listening);
        if (watch.Loop is null || watch.Loop.IsCompleted)
        {
            watch.Loop = WatchAsync(callId, login, watch);
        }
    }

    /// <summary>The element no longer shows the call; the connection is closed unless it is shown again soon.</summary>
    public async Task HideAsync(Guid callId, ElementReference video)
    {
        if (!watches.TryGetValue(callId, out var watch))
        {
            return;
        }

        watch.Shown--;
        try
        {
            await js.InvokeVoidAsync("sosMedia.detach", stopping.Token, callId.ToString(), video);
            await Task.Delay(ReleaseDelay, stopping.Token);
        }
        catch (Exception exception) when (exception is JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            return;
        }

        if (watch.Shown <= 0 && watches.Remove(callId))
        {
            await CloseAsync(callId, watch);
        }
    }

    /// <summary>Whether the call's kiosk audio plays (after the answer) or only its picture shows (while it rings).</summary>
    public ValueTask ListenAsync(Guid callId, bool listening) => Js("sosMedia.listen", callId.ToString(), listening);

    /// <summary>The operator's microphone joins the call (they answered it); repeating it while talking changes nothing.</summary>
    public async Task TalkAsync(Guid callId, string login)
    {
        var watch = Get(callId);
        if (watch.Talking)
        {
            return;
        }

        watch.Talking = true;
        watch.Joining = true;
        watch.TalkProblem = null; // a listening supervisor who took the call over talks now
        try
        {
            for (var attempt = 0; attempt < 30 && !stopping.IsCancellationRequested; attempt++)
            {
                try
                {
                    var offer = await js.InvokeAsync<string?>("sosMedia.talk", stopping.Token, callId.ToString(), media.IceServers);
                    if (offer is null)
                    {
                        watch.Problem = "Media.NoMicrophone";
                        return;
                    }

                    var answer = await media.TalkAsync(callId, login, offer);
                    await js.InvokeVoidAsync("sosMedia.talkAnswer", stopping.Token, callId.ToString(), answer);
                    if (await js.InvokeAsync<bool>("sosMedia.hasTalk", stopping.Token, callId.ToString()))
                    {
                        return;
                    }

                    // The connections were made again meanwhile (the room moved while a station was being called): again.
                }
                catch (MediaUnavailableException)
                {
                    watch.Problem = "Media.Unavailable";
                }
                catch (MediaRefusedException refused) when (refused.Reason == "station-no-answer")
                {
                    // A SIP intercom that did not take Sos's call: said once, not called again and again.
                    watch.TalkProblem = "Media.StationNoAnswer";
                    return;
                }

                await Task.Delay(RetryInterval * 3, stopping.Token);
            }
        }
        catch (Exception exception) when (exception is JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            // The page closed.
        }
        catch (Exception exception)
        {
            watch.Talking = false;
            watch.Problem = "Media.MicFailed";
            logger.LogWarning(exception, "Call {CallId}: {Login}'s microphone could not join", callId, login);
        }
        finally
        {
            watch.Joining = false;
        }
    }

    /// <summary>
    /// The operator calls the SIP intercom again (it hung up, or did not answer): their microphone leg is made anew, which
    /// calls the station.
    /// </summary>
    public Task CallStationAgainAsync(Guid callId, string login)
    {
        var watch = Get(callId);
        if (watch.Joining)
        {
            return Task.CompletedTask;
        }

        watch.Talking = false;
        watch.TalkProblem = null;
        return TalkAsync(callId, login);
    }

    /// <summary>The call's media session now (whether its caller is a station, and whether that call is up).</summary>
    public Task<MediaSessionSnapshot> SessionAsync(Guid callId) => media.GetAsync(callId);

    /// <summary>Whether the operator's microphone leg is being made now (a station being called).</summary>
    public bool IsJoining(Guid callId) => watches.TryGetValue(callId, out var watch) && watch.Joining;

    /// <summary>
    /// A supervisor listens in silently: besides the caller (shown by <see cref="ShowAsync"/>), they hear the operator's
    /// voice, again whenever another operator's microphone joins. Nothing of theirs is sent to the call.
    /// </summary>
    public async Task ListenInAsync(Guid callId, string login)
    {
        var watch = Get(callId);
        if (watch.Hearing)
        {
            return;
        }

        watch.Hearing = true;
        var voice = -1;
        try
        {
            while (!stopping.IsCancellationRequested && watches.ContainsKey(callId))
            {
                var session = await media.GetAsync(callId);
                if (session.Status == MediaStatus.Ended)
                {
                    return;
                }

                if (session.StationCall)
                {
                    // The operator and a SIP intercom talk on a line of their own, not in the call's room: the wall
                    // sees its camera and says the voices are not heard here.
                    watch.TalkProblem = "Media.StationNotHeardListening";
                    return;
                }

                if (session.OperatorVoice == voice && await js.InvokeAsync<bool>("sosMedia.hasHear", stopping.Token, callId.ToString()))
                {
                    await Task.Delay(RetryInterval * 2, stopping.Token);
                    continue;
                }

                MediaLegOffer? offer = null;
                try
                {
                    offer = await media.HearAsync(callId, login);
                }
                catch (MediaUnavailableException)
                {
                    watch.Problem = "Media.Unavailable";
                }

                if (offer is null)
                {
                    await Task.Delay(RetryInterval, stopping.Token);
                    continue;
                }

                var answer = await js.InvokeAsync<string>("sosMedia.hear", stopping.Token, callId.ToString(), offer.Sdp, media.IceServers);
                await media.AnswerAsync(callId, offer.LegId, answer);
                voice = session.OperatorVoice;
            }
        }
        catch (Exception exception) when (exception is JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            // The page closed.
        }
        catch (Exception exception)
        {
            watch.Problem = "Media.VoiceFailed";
            logger.LogWarning(exception, "Call {CallId}: {Login} could not listen in", callId, login);
        }
        finally
        {
            watch.Hearing = false;
        }
    }

    /// <summary>Mutes or unmutes the caller's sound on this console.</summary>
    public ValueTask MuteAsync(Guid callId, bool muted) => Js("sosMedia.setMuted", callId.ToString(), muted);

    /// <summary>Switches the operator's microphone on or off.</summary>
    public ValueTask MicrophoneAsync(Guid callId, bool on) => Js("sosMedia.setMicrophone", callId.ToString(), on);

    /// <summary>Sets the caller's volume, 0–1.</summary>
    public ValueTask VolumeAsync(Guid callId, double volume) => Js("sosMedia.setVolume", callId.ToString(), volume);

    /// <summary>What the browser measures of the call's media now.</summary>
    public async Task<MediaQuality?> QualityAsync(Guid callId)
    {
        try
        {
            return await js.InvokeAsync<MediaQuality>("sosMedia.stats", stopping.Token, callId.ToString());
        }
        catch (Exception exception) when (exception is JSDisconnectedException or JSException or OperationCanceledException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Why media is missing on this console for the call, as far as the console knows (null when nothing is wrong).</summary>
    /// <remarks>
    /// The problem is a key of <see cref="Text"/>; the details are in the console's log. Not hearing the caller at all (a
    /// station that did not answer) comes before a missing picture.
    /// </remarks>
    public string? ProblemOf(Guid callId) => watches.TryGetValue(callId, out var watch) ? watch.TalkProblem ?? watch.Problem : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var (callId, watch) in watches)
        {
            if (watch.LegId is { } leg)
            {
                await media.CloseLegAsync(callId, leg).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        watches.Clear();
        stopping.Dispose();
    }

    private Watch Get(Guid callId)
    {
        if (!watches.TryGetValue(callId, out var watch))
        {
            watch = new Watch();
            watches[callId] = watch;
        }

        return watch;
    }

    /// <summary>
    /// Watches the caller until the call is no longer shown: asks for a leg until the caller's side is up, answers it,
    /// and asks again when the connection is lost (the media server moved the room).
    /// </summary>
    private async Task WatchAsync(Guid callId, string login, Watch watch)
    {
        try
        {
            while (!stopping.IsCancellationRequested && watches.ContainsKey(callId))
            {
                var session = await media.GetAsync(callId);
                if (session.Status is MediaStatus.Ended)
                {
                    return;
                }

                if (await js.InvokeAsync<bool>("sosMedia.hasWatch", stopping.Token, callId.ToString()))
                {
                    if (session.Rooms == watch.Room && session.CallerFeeds == watch.CallerFeeds)
                    {
                        await Task.Delay(RetryInterval * 2, stopping.Token);
                        continue;
                    }

                    if (session.Rooms != watch.Room)
                    {
                        // The media server was lost and the room moved: both legs are made again on the new one.
                        await js.InvokeVoidAsync("sosMedia.reset", stopping.Token, callId.ToString());
                    }

                    // Otherwise the caller published anew (its page reconnected): only the watch is made again.
                }

                MediaLegOffer? offer = null;
                try
                {
                    offer = await media.WatchAsync(callId, login);
                    watch.Problem = session.Status is MediaStatus.Disabled ? "Media.Disabled"
                        : session.Status is MediaStatus.Unavailable ? "Media.Unavailable"
                        : offer is not null ? null
                        : await media.KioskDevicesFaultyAsync(session.KioskId) ? "Media.KioskDevicesFaulty"
                        : "Media.WaitingForCamera";
                }
                catch (MediaUnavailableException)
                {
                    watch.Problem = "Media.Unavailable";
                }

                if (offer is null)
                {
                    await Task.Delay(RetryInterval, stopping.Token);
                    continue;
                }

                var answer = await js.InvokeAsync<string>("sosMedia.watch", stopping.Token, callId.ToString(), offer.Sdp, media.IceServers);
                await media.AnswerAsync(callId, offer.LegId, answer);
                watch.LegId = offer.LegId;
                watch.CallerFeeds = offer.CallerFeeds;

                // The room the offer came from: asking for it may have made the room (the first look at a call).
                watch.Room = (await media.GetAsync(callId)).Rooms;
                watch.Problem = null;
                if (watch.Talking && !watch.Joining && !await js.InvokeAsync<bool>("sosMedia.hasTalk", stopping.Token, callId.ToString()))
                {
                    // The room moved: the microphone joins again too.
                    watch.Talking = false;
                    _ = TalkAsync(callId, login);
                }
            }
        }
        catch (Exception exception) when (exception is JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            // The page closed.
        }
        catch (Exception exception)
        {
            watch.Problem = "Media.VideoFailed";
            logger.LogWarning(exception, "Call {CallId}: the console of {Login} could not watch the kiosk", callId, login);
        }
    }

    private async Task CloseAsync(Guid callId, Watch watch)
    {
        try
        {
            await js.InvokeVoidAsync("sosMedia.close", stopping.Token, callId.ToString());
            if (watch.LegId is { } leg)
            {
                await media.CloseLegAsync(callId, leg);
            }
        }
        catch (Exception exception) when (exception is JSDisconnectedException or OperationCanceledException or TaskCanceledException or OrleansException or TimeoutException)
        {
            // The page or the cluster went away; the leg ends with its media session.
        }
    }

    private async ValueTask Js(string function, params object?[] arguments)
    {
        try
        {
            await js.InvokeVoidAsync(function, stopping.Token, arguments);
        }
        catch (Exception exception) when (exception is JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            // The page closed.
        }
    }

    private sealed class Watch
    {
        public int Shown { get; set; }

        public Task? Loop { get; set; }

        public string? LegId { get; set; }

        public int Room { get; set; }

        /// <summary>The caller's publishing the watch was offered from (<see cref="MediaSessionSnapshot.CallerFeeds"/>).</summary>
        public int CallerFeeds { get; set; }

        public bool Talking { get; set; }

        /// <summary>The microphone's leg is being made now (a SIP intercom's rings for a moment): not to be made twice.</summary>
        public bool Joining { get; set; }

        public bool Hearing { get; set; }

        public string? Problem { get; set; }

        /// <summary>Why the voices of a SIP intercom's call are missing here: it did not answer, or they are not heard while listening in.</summary>
        public string? TalkProblem { get; set; }
    }
}
