// The browser kiosk: one SOS button, the call's status, the "call received" lamp and the operator's voice. It presses
// through the device API, publishes its camera and microphone at once (recording starts with the first packet), and
// receives the operator's voice once the operator's microphone is on the call. Signalling goes to Sos only, one SDP
// offer and one answer per leg; the media itself goes to the media server. When a heartbeat's answer asks for a test
// call (EN 81-28), the kiosk answers it by itself: its camera and microphone go to the media server and come straight
// back, and it reports what came back. A press always comes first: it ends a test at once.
(() => {
    const kioskId = document.body.dataset.kioskId;
    const api = '/api/v1/kiosks/' + encodeURIComponent(kioskId);
    const secretKey = 'sos.kiosk.' + kioskId + '.secret';
    const byId = id => document.querySelector('[data-testid="' + id + '"]');
    const setup = byId('kiosk-setup'), main = byId('kiosk-main'), status = byId('kiosk-call-status'), lamp = byId('kiosk-lamp');
    const button = byId('kiosk-sos-button'), hangUp = byId('kiosk-hang-up'), preview = byId('kiosk-preview'), voice = byId('kiosk-operator-audio');
    let secret = localStorage.getItem(secretKey);
    let local = null;
    let cameraFault = false;
    let call = null;
    let testing = null;
    const tested = new Set();

    // Every text in Russian, Kazakh and English (from the kiosk's resources); the screen starts in the kiosk's language,
    // a citizen may switch, and it goes back to the kiosk's language when a call ends.
    const words = JSON.parse(document.getElementById('kiosk-words').textContent);
    const home = document.documentElement.lang;
    let language = home;
    let said = { key: 'Kiosk.Idle', state: 'idle' };
    const t = key => (words[language] && words[language][key]) || words.en[key] || key;

    function choose(code) {
        language = words[code] ? code : home;
        document.documentElement.lang = language;
        document.querySelectorAll('[data-text]').forEach(e => { e.textContent = t(e.dataset.text); });
        document.querySelectorAll('[data-aria-text]').forEach(e => { e.setAttribute('aria-label', t(e.dataset.ariaText)); });
        document.querySelectorAll('[data-title-text]').forEach(e => { e.title = t(e.dataset.titleText); });
        document.querySelectorAll('[data-language]').forEach(e => { e.setAttribute('aria-pressed', e.dataset.language === language ? 'true' : 'false'); });
        byId('kiosk-languages').dataset.current = language;
        say(said.key, said.state);
    }

    const statusText = {
        queued: ['Kiosk.Calling', 'calling'],
        ringing: ['Kiosk.Calling', 'calling'],
        connected: ['Kiosk.Connected', 'connected'],
        wrapUp: ['Kiosk.Ended', 'ended'],
        closed: ['Kiosk.Ended', 'ended'],
        abandoned: ['Kiosk.Cancelled', 'ended'],
    };

    function say(key, state) { said = { key, state }; status.textContent = t(key); status.dataset.state = state; }
    function sleep(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }

    const { uuid, gathered, sendOnlyOffer, answerOffer } = window.sosWebRtc;

    async function request(method, path, body) {
        const headers = { 'Authorization': 'Bearer ' + secret };
        if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
        try {
            const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
            let data = null;
            try { data = await response.json(); } catch { data = null; }
            if (response.status === 401) { showSetup('Kiosk.WrongSecret'); }
            return { status: response.status, data, retryAfter: Number(response.headers.get('Retry-After') || '1') };
        } catch {
            return { status: 0, data: null, retryAfter: 1 };
        }
    }

    function showSetup(key) {
        localStorage.removeItem(secretKey);
        secret = null;
        setup.hidden = false; main.hidden = true;
        const error = byId('kiosk-setup-error');
        error.dataset.text = key || '';
        error.textContent = key ? t(key) : '';
    }

    function showMain() {
        setup.hidden = true; main.hidden = false;
        camera();
        heartbeat();
    }

    byId('kiosk-secret-save').addEventListener('click', () => {
        const value = byId('kiosk-secret').value.trim();
        if (!value) { return; }
        secret = value;
        localStorage.setItem(secretKey, value);
        showMain();
    });

    async function camera() {
        if (local) { return local; }
        try {
            local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
            cameraFault = false;
            preview.srcObject = local;
        } catch {
            local = null;
            cameraFault = true;
        }
        return local;
    }

    async function heartbeat() {
        while (secret) {
            const r = await request('POST', '/heartbeats', { camera: cameraFault ? 'fault' : 'ok', audio: cameraFault ? 'fault' : 'ok', tamper: false, power: 'mains', firmware: 'sos-browser-kiosk/1' });
            if (r.status === 200 && r.data && r.data.selfTest && !call && !testing && !tested.has(r.data.selfTest.testId)) {
                selfTest(r.data.selfTest);
            }
            await sleep(5000);
        }
    }

    // A test call: what the camera and microphone give, sent through the media server and back, measured for a few
    // seconds, then reported. Nobody is rung and nothing is recorded.
    async function selfTest(test) {
        testing = test;
        tested.add(test.testId);
        const stream = await camera();
        const report = {
            camera: stream && stream.getVideoTracks().some(t => t.readyState === 'live') ? 'ok' : 'fault',
            audio: stream && stream.getAudioTracks().some(t => t.readyState === 'live') ? 'ok' : 'fault',
            detail: 'sos-browser-kiosk/1',
        };
        if (stream) { report.loopback = await loopback(test, stream); }
        if (testing !== test) { return; }   // a press ended it
        testing = null;
        for (let attempt = 0; attempt < 5; attempt++) {
            const r = await request('POST', '/self-tests/' + test.testId, report);
            if (r.status !== 0 && r.status !== 503) { return; }
            await sleep(r.retryAfter * 1000);   // the same report again gets the same answer
        }
    }

    async function loopback(test, stream) {
        const pc = new RTCPeerConnection({ iceServers: test.iceServers || [] });
        test.pc = pc;
        // The echoed audio goes to a muted element (which makes the browser decode it; no howl from the speaker) and to an
        // analyser that reads its loudest sample (taken before the element's volume, so muting does not hide it).
        const sink = new Audio();
        sink.muted = true;
        let context = null, timer = null, peak = 0;
        pc.addEventListener('track', e => {
            if (e.track.kind !== 'audio') { return; }
            const echoed = new MediaStream([e.track]);
            sink.srcObject = echoed;
            sink.play().catch(() => { });
            try {
                context = new AudioContext();
                context.resume().catch(() => { });
                const analyser = context.createAnalyser();
                analyser.fftSize = 2048;
                context.createMediaStreamSource(echoed).connect(analyser);
                const samples = new Float32Array(analyser.fftSize);
                timer = setInterval(() => {
                    analyser.getFloatTimeDomainData(samples);
                    for (const v of samples) { peak = Math.max(peak, Math.abs(v)); }
                }, 40);
            } catch { context = null; }
        });
        try {
            stream.getTracks().forEach(track => pc.addTransceiver(track, { direction: 'sendrecv', streams: [stream] }));
            await pc.setLocalDescription(await pc.createOffer());
            await gathered(pc);
            const r = await request('POST', '/self-tests/' + test.testId + '/loopback', { sdp: pc.localDescription.sdp });
            if (r.status !== 200) {
                return { problem: r.data && r.data.reason ? r.data.reason + ': ' + (r.data.detail || '') : 'the media server answered ' + r.status };
            }
            await pc.setRemoteDescription({ type: 'answer', sdp: r.data.sdp });
            let audioLevel = 0, videoFrames = 0, roundTripMs = null;
            const started = Date.now();
            while (Date.now() - started < 10000 && testing === test) {
                await sleep(500);
                (await pc.getStats()).forEach(s => {
                    if (s.type === 'inbound-rtp' && s.kind === 'audio') { audioLevel = Math.max(audioLevel, s.audioLevel || 0); }
                    if (s.type === 'inbound-rtp' && s.kind === 'video') { videoFrames = Math.max(videoFrames, s.framesDecoded || 0); }
                    if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') { roundTripMs = Math.round(s.currentRoundTripTime * 1000); }
                });
                audioLevel = Math.max(audioLevel, Math.min(1, peak));
                if (Date.now() - started >= 4000 && videoFrames >= 30 && audioLevel >= 0.05) { break; }
            }
            if (videoFrames === 0 && audioLevel === 0 && pc.connectionState !== 'connected') {
                return { problem: 'the loopback did not connect (' + pc.connectionState + ')' };
            }
            return { audioLevel, videoFrames, roundTripMs };
        } finally {
            if (timer) { clearInterval(timer); }
            if (context) { context.close().catch(() => { }); }
            pc.close();
            sink.srcObject = null;
        }
    }

    async function press() {
        if (!secret) { return; }
        if (testing) {
            if (testing.pc) { testing.pc.close(); }
            testing = null;
        }
        const pressId = uuid();
        say(call ? 'Kiosk.CallingAgain' : 'Kiosk.Calling', 'calling');
        for (let attempt = 0; attempt < 30; attempt++) {
            const r = await request('POST', '/presses', { pressId, pressedAt: new Date().toISOString() });
            if (r.status === 202) {
                if (!call || call.id !== r.data.callId) { begin(r.data.callId); }
                return;
            }
            if (r.status === 401 || r.status === 403 || r.status === 404 || r.status === 400) {
                say('Kiosk.CannotCall', 'error');
                return;
            }
            await sleep(r.retryAfter * 1000);   // the same press id again: the same call
        }
    }

    function begin(callId) {
        end();
        call = { id: callId, publish: null, receive: null, receiving: false, over: false, iceServers: [], room: 0, polls: 0, moved: null, receives: 0, publishes: 0 };
        hangUp.hidden = false;
        publish(call);
        follow(call);
    }

    function end() {
        if (!call) { return; }
        call.over = true;
        for (const pc of [call.publish, call.receive]) { if (pc) { pc.close(); } }
        voice.srcObject = null;
        lamp.dataset.on = 'false';
        hangUp.hidden = true;
    }

    async function publish(current) {
        const media = await request('GET', '/calls/' + current.id + '/media');
        current.iceServers = (media.data && media.data.iceServers) || [];
        current.room = media.data ? media.data.room : 0;
        const stream = await camera();
        if (!stream || current.over) { return; }
        while (!current.over) {
            const pc = await sendOnlyOffer(stream, current.iceServers);
            current.publishes++;
            const r = await request('POST', '/calls/' + current.id + '/media/publish', { sdp: pc.localDescription.sdp });
            if (r.status === 200 && !current.over) {
                await pc.setRemoteDescription({ type: 'answer', sdp: r.data.sdp });
                // The room this publishing went to: publishing may have made it (the call's first look at its media),
                // so the room read before is not the one to compare with.
                const published = await request('GET', '/calls/' + current.id + '/media');
                if (published.status === 200) { current.room = published.data.room; }
                current.publish = pc;
                // A media server that is lost takes the connection with it, and Sos moves the room to another: publish
                // again when the connection fails or the room moves (follow() sees the room change and calls moved()).
                await new Promise(resolve => {
                    current.moved = resolve;
                    pc.addEventListener('connectionstatechange', () => { if (['failed', 'closed'].includes(pc.connectionState)) { resolve(); } });
                });
                pc.close();
                current.publish = null;
                if (current.receive) { current.receive.close(); }
                current.receive = null;
                continue;
            } else {
                pc.close();
                if (r.status === 409 || r.status === 404 || current.over) { return; }
            }
            await sleep(1000);
        }
    }

    async function receive(current) {
        current.receiving = true;
        try {
            const media = await request('GET', '/calls/' + current.id + '/media');
            if (media.status === 200) { current.voice = media.data.operatorVoice; }
            const r = await request('POST', '/calls/' + current.id + '/media/receive');
            if (r.status !== 200 || current.over) { return; }
            const pc = await answerOffer(r.data.sdp, current.iceServers, voice);
            current.receives++;
            pc.addEventListener('connectionstatechange', () => {
                if (['failed', 'closed'].includes(pc.connectionState) && current.receive === pc) { current.receive = null; }
            });
            const a = await request('POST', '/calls/' + current.id + '/media/legs/' + encodeURIComponent(r.data.legId) + '/answer', { sdp: pc.localDescription.sdp });
            if (a.status === 204 && !current.over) { current.receive = pc; } else { pc.close(); }
        } finally {
            current.receiving = false;
        }
    }

    async function follow(current) {
        while (!current.over) {
            const r = await request('GET', '/calls/' + current.id);
            if (current.over) { return; }
            if (r.status === 200) {
                const [key, state] = statusText[r.data.status] || ['Kiosk.Calling', 'calling'];
                say(key, state);
                lamp.dataset.on = r.data.operatorConnected ? 'true' : 'false';
                if (r.data.operatorConnected && !current.receive && !current.receiving) { receive(current); }
                if (++current.polls % 4 === 0) {
                    const media = await request('GET', '/calls/' + current.id + '/media');
                    if (media.status === 200 && current.publish && media.data.room !== current.room) {
                        current.room = media.data.room;
                        if (current.moved) { current.moved(); }
                    }
                    // Another operator's microphone joined (a supervisor took the call over): hear them instead.
                    if (media.status === 200 && current.receive && current.voice !== undefined && media.data.operatorVoice !== current.voice) {
                        current.receive.close();
                        current.receive = null;
                        current.voice = media.data.operatorVoice;
                    }
                }
                if (['wrapUp', 'closed', 'abandoned'].includes(r.data.status)) {
                    end();
                    call = null;
                    setTimeout(() => { if (!call) { choose(home); } }, 30000);
                    return;
                }
                // Answered but the operator's voice not here yet: look again soon, so their first words are heard.
                if (r.data.operatorConnected && !current.receive) {
                    await sleep(250);
                    continue;
                }
            }
            await sleep(500);
        }
    }

    document.querySelectorAll('[data-language]').forEach(e => e.addEventListener('click', () => choose(e.dataset.language)));
    button.addEventListener('click', press);
    hangUp.addEventListener('click', async () => {
        if (!call) { return; }
        await request('POST', '/calls/' + call.id + '/cancel');
    });

    // What tests and the drill's trainer read: the operator's voice as received, and what the kiosk sends.
    window.sosKiosk = {
        async stats() {
            const result = { callId: call && call.id, publishes: call ? call.publishes : 0, receives: call ? call.receives : 0, audioPacketsReceived: 0, audioLevel: 0, videoFramesSent: 0, publishing: !!(call && call.publish), receiving: !!(call && call.receive) };
            if (call && call.receive) {
                (await call.receive.getStats()).forEach(s => {
                    if (s.type === 'inbound-rtp' && s.kind === 'audio') { result.audioPacketsReceived = s.packetsReceived || 0; result.audioLevel = s.audioLevel || 0; }
                });
            }
            if (call && call.publish) {
                (await call.publish.getStats()).forEach(s => {
                    if (s.type === 'outbound-rtp' && s.kind === 'video') { result.videoFramesSent = s.framesSent || 0; }
                });
            }
            return result;
        },
        testing() { return testing ? testing.testId : null; },
    };

    if (secret) { showMain(); } else { showSetup(''); }
})();
