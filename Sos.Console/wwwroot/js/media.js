// WebRTC for the console, and nothing else: the server side decides what to watch and when to talk, and does all
// signalling with Sos (never with the media server). One entry per call: the leg that watches the kiosk, the leg that
// carries the operator's microphone, and the <video> elements that show the kiosk (the ringing card's, then the
// active call's).
window.sosMedia = (() => {
    const calls = new Map();
    let microphone = null;

    function entry(callId) {
        let e = calls.get(callId);
        if (!e) {
            e = { watch: null, talk: null, hear: null, hearAudio: null, talkAudio: null, stream: null, elements: new Set(), muted: false, volume: 1, listening: false, watches: 0 };
            calls.set(callId, e);
        }
        return e;
    }

    function gathered(pc) {
        return new Promise(resolve => {
            if (pc.iceGatheringState === 'complete') { resolve(); return; }
            pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') { resolve(); } });
            setTimeout(resolve, 3000);
        });
    }

    function show(e) {
        for (const element of e.elements) {
            if (e.stream && element.srcObject !== e.stream) { element.srcObject = e.stream; }
            element.muted = !e.listening || e.muted;
            element.volume = e.volume;
            element.play().catch(() => { });
        }
        // A SIP intercom's voice comes back on the operator's own leg: it plays like the kiosk's sound.
        if (e.talkAudio) {
            e.talkAudio.muted = !e.listening || e.muted;
            e.talkAudio.volume = e.volume;
        }
    }

    // The microphone is asked for once, when the first call is shown: Chromium offers its real host candidates only
    // to a page that may use a device, and the answer must not wait for a permission prompt.
    async function mic() {
        if (microphone && microphone.getAudioTracks().some(t => t.readyState === 'live')) { return microphone; }
        try {
            microphone = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
        } catch {
            microphone = null;
        }
        return microphone;
    }

    return {
        // Shows the call's kiosk video in this element (the stream follows when it arrives).
        attach(callId, element, listening) {
            const e = entry(callId);
            e.elements.add(element);
            e.listening = !!listening;
            show(e);
        },
        detach(callId, element) {
            const e = calls.get(callId);
            if (e) { e.elements.delete(element); }
        },
        hasWatch(callId) {
            const e = calls.get(callId);
            return !!(e && e.watch && !['failed', 'closed'].includes(e.watch.connectionState));
        },
        hasTalk(callId) {
            const e = calls.get(callId);
            return !!(e && e.talk && !['failed', 'closed'].includes(e.talk.connectionState));
        },
        // The media server's offer for the kiosk's camera and microphone in; this console's answer out.
        async watch(callId, offer, iceServers) {
            const e = entry(callId);
            await mic();
            if (e.watch) { e.watch.close(); }
            const pc = new RTCPeerConnection({ iceServers: iceServers || [] });
            e.watch = pc;
            e.watches++;
            pc.addEventListener('track', ev => {
                e.stream = ev.streams[0] || new MediaStream([ev.track]);
                show(e);
            });
            await pc.setRemoteDescription({ type: 'offer', sdp: offer });
            await pc.setLocalDescription(await pc.createAnswer());
            await gathered(pc);
            return pc.localDescription.sdp;
        },
        // A supervisor listening in also hears the operator: the media server's offer of the operator's voice in,
        // this console's answer out; it plays in an element of its own.
        async hear(callId, offer, iceServers) {
            const e = entry(callId);
            if (e.hear) { e.hear.close(); }
            const pc = new RTCPeerConnection({ iceServers: iceServers || [] });
            e.hear = pc;
            if (!e.hearAudio) { e.hearAudio = new Audio(); e.hearAudio.autoplay = true; }
            pc.addEventListener('track', ev => {
                e.hearAudio.srcObject = ev.streams[0] || new MediaStream([ev.track]);
                e.hearAudio.muted = e.muted;
                e.hearAudio.play().catch(() => { });
            });
            await pc.setRemoteDescription({ type: 'offer', sdp: offer });
            await pc.setLocalDescription(await pc.createAnswer());
            await gathered(pc);
            return pc.localDescription.sdp;
        },
        hasHear(callId) {
            const e = calls.get(callId);
            return !!(e && e.hear && !['failed', 'closed'].includes(e.hear.connectionState));
        },
        // The operator's microphone: an offer out; the media server's answer goes to talkAnswer. The leg also receives,
        // for a SIP intercom answers on it with its own voice.
        async talk(callId, iceServers) {
            const e = entry(callId);
            const stream = await mic();
            if (!stream) { return null; }
            if (e.talk) { e.talk.close(); }
            const pc = new RTCPeerConnection({ iceServers: iceServers || [] });
            e.talk = pc;
            stream.getAudioTracks().forEach(track => pc.addTransceiver(track, { direction: 'sendrecv', streams: [stream] }));
            pc.addEventListener('track', ev => {
                if (!e.talkAudio) { e.talkAudio = new Audio(); e.talkAudio.autoplay = true; }
                e.talkAudio.srcObject = ev.streams[0] || new MediaStream([ev.track]);
                show(e);
                e.talkAudio.play().catch(() => { });
            });
            await pc.setLocalDescription(await pc.createOffer());
            await gathered(pc);
            return pc.localDescription.sdp;
        },
        async talkAnswer(callId, answer) {
            const e = calls.get(callId);
            if (e && e.talk) { await e.talk.setRemoteDescription({ type: 'answer', sdp: answer }); }
        },
        listen(callId, listening) {
            const e = entry(callId);
            e.listening = !!listening;
            show(e);
        },
        setMuted(callId, muted) {
            const e = entry(callId);
            e.muted = !!muted;
            if (e.hearAudio) { e.hearAudio.muted = e.muted; }
            show(e);
        },
        setMicrophone(callId, on) {
            if (microphone) { microphone.getAudioTracks().forEach(t => { t.enabled = !!on; }); }
        },
        setVolume(callId, volume) {
            const e = entry(callId);
            e.volume = Math.max(0, Math.min(1, volume));
            show(e);
        },
        // The room moved to another media server: both legs end here and are made again.
        reset(callId) {
            const e = calls.get(callId);
            if (!e) { return; }
            for (const pc of [e.watch, e.talk, e.hear]) { if (pc) { pc.close(); } }
            e.watch = null;
            e.talk = null;
            e.hear = null;
        },
        close(callId) {
            const e = calls.get(callId);
            if (!e) { return; }
            for (const pc of [e.watch, e.talk, e.hear]) { if (pc) { pc.close(); } }
            for (const element of e.elements) { element.srcObject = null; }
            if (e.hearAudio) { e.hearAudio.srcObject = null; }
            if (e.talkAudio) { e.talkAudio.srcObject = null; }
            calls.delete(callId);
        },
        // What the console shows about the media, and what tests read: frames, size, loss, bitrate, levels.
        async stats(callId) {
            const e = calls.get(callId);
            const result = { watches: e ? e.watches : 0, stationAudioPackets: 0, hearing: false, operatorAudioPackets: 0, operatorAudioLevel: 0, watching: false, talking: false, state: 'none', framesDecoded: 0, videoWidth: 0, videoHeight: 0, packetsLost: 0, packetsReceived: 0, bitrate: 0, audioLevel: 0, micLevel: 0 };
            if (!e) { return result; }
            const element = [...e.elements][0];
            if (element) { result.videoWidth = element.videoWidth || 0; result.videoHeight = element.videoHeight || 0; }
            if (e.watch) {
                result.watching = true;
                result.state = e.watch.connectionState;
                const now = performance.now();
                (await e.watch.getStats()).forEach(s => {
                    if (s.type !== 'inbound-rtp') { return; }
                    result.packetsLost += s.packetsLost || 0;
                    result.packetsReceived += s.packetsReceived || 0;
                    if (s.kind === 'video') {
                        result.framesDecoded = s.framesDecoded || 0;
                        const bytes = s.bytesReceived || 0;
                        if (e.lastBytes !== undefined && now > e.lastAt) { result.bitrate = Math.round((bytes - e.lastBytes) * 8 / (now - e.lastAt)); }
                        e.lastBytes = bytes; e.lastAt = now;
                    }
                    if (s.kind === 'audio') { result.audioLevel = s.audioLevel || 0; }
                });
            }
            if (e.hear) {
                result.hearing = e.hear.connectionState === 'connected';
                (await e.hear.getStats()).forEach(s => {
                    if (s.type === 'inbound-rtp' && s.kind === 'audio') { result.operatorAudioPackets = s.packetsReceived || 0; result.operatorAudioLevel = s.audioLevel || 0; }
                });
            }
            if (e.talk) {
                result.talking = e.talk.connectionState === 'connected';
                (await e.talk.getStats()).forEach(s => {
                    if (s.type === 'media-source' && s.kind === 'audio') { result.micLevel = s.audioLevel || 0; }
                    if (s.type === 'inbound-rtp' && s.kind === 'audio' && (s.packetsReceived || 0) > 0) {
                        // A SIP intercom's voice: the caller's sound level is the station's.
                        result.stationAudioPackets = s.packetsReceived;
                        result.audioLevel = Math.max(result.audioLevel, s.audioLevel || 0);
                    }
                });
            }
            return result;
        },
    };
})();
