// The citizen app ("102" on a phone's browser): an SOS that calls the operations centre with the phone's place and,
// unless silent, its camera and microphone; a report with files; and a screen that follows what the police did. It
// speaks only the citizen API (/api/citizen/v1). What it sent is kept on the phone (localStorage), so a citizen can
// come back to it; an SOS's secret never leaves the phone except to Sos.
(() => {
    const api = '/api/citizen/v1';
    const byId = id => document.querySelector('[data-testid="' + id + '"]');
    const words = JSON.parse(document.getElementById('app-words').textContent);
    const store = {
        get(key, fallback) { try { const v = localStorage.getItem('sos.app.' + key); return v === null ? fallback : JSON.parse(v); } catch { return fallback; } },
        set(key, value) { localStorage.setItem('sos.app.' + key, JSON.stringify(value)); },
    };
    let language = store.get('language', document.documentElement.lang);
    const t = key => (words[language] && words[language][key]) || words.en[key] || key;
    const format = (key, ...values) => values.reduce((text, v, i) => text.replace('{' + i + '}', v), t(key));
    const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

    // A v4 UUID from the browser's random source.
    const { uuid, sendOnlyOffer, answerOffer, ended } = window.sosWebRtc;

    // The phone's own id: made once, kept, sent with everything (anonymous items too, as the police require).
    const deviceId = store.get('device', null) || (() => { const id = 'web-' + uuid(); store.set('device', id); return id; })();

    function choose(code) {
        language = words[code] ? code : 'ru';
        store.set('language', language);
        document.documentElement.lang = language;
        document.querySelectorAll('[data-text]').forEach(e => { e.textContent = t(e.dataset.text); });
        document.querySelectorAll('[data-aria-text]').forEach(e => e.setAttribute('aria-label', t(e.dataset.ariaText)));
        document.querySelectorAll('[data-placeholder-text]').forEach(e => { e.placeholder = t(e.dataset.placeholderText); });
        document.querySelectorAll('[data-language]').forEach(e => e.setAttribute('aria-pressed', e.dataset.language === language ? 'true' : 'false'));
        byId('app-languages').dataset.current = language;
        document.title = t('App.Title');
        rerender();
    }

    function show(screen) {
        document.querySelectorAll('[data-screen]').forEach(e => { e.hidden = e.dataset.screen !== screen; });
    }

    async function request(method, path, body, secret, contentType) {
        const headers = {};
        if (secret) { headers.Authorization = 'Bearer ' + secret; }
        if (body !== undefined) { headers['Content-Type'] = contentType || 'application/json'; }
        try {
            const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : (contentType ? body : JSON.stringify(body)) });
            let data = null;
            try { data = await response.json(); } catch { data = null; }
            return { status: response.status, data, retryAfter: Number(response.headers.get('Retry-After') || '1') };
        } catch {
            return { status: 0, data: null, retryAfter: 2 };
        }
    }

    // The same request again until Sos has it: a lost answer or a 503 is retried with the same client request id.
    async function persist(method, path, body, secret, contentType, attempts = 30) {
        let r = null;
        for (let attempt = 0; attempt < attempts; attempt++) {
            r = await request(method, path, body, secret, contentType);
            if (r.status !== 0 && r.status !== 503) { return r; }
            await sleep(Math.min(10, r.retryAfter) * 1000);
        }
        return r;
    }

    // A server-sent-events stream read with fetch (EventSource cannot send the session's secret): each event once, in
    // order, resumed after the last one seen when the connection drops, until the stream ends.
    async function follow(path, secret, onEvent, isOver) {
        let last = 0;
        while (!isOver()) {
            try {
                const headers = { Accept: 'text/event-stream' };
                if (secret) { headers.Authorization = 'Bearer ' + secret; }
                if (last > 0) { headers['Last-Event-ID'] = String(last); }
                const response = await fetch(api + path, { headers });
                if (response.status !== 200) { if (response.status === 404 || response.status === 401) { return; } await sleep(2000); continue; }
                const reader = response.body.getReader();
                const decoder = new TextDecoder();
                let buffer = '';
                for (;;) {
                    const { value, done } = await reader.read();
                    if (done) { break; }
                    buffer += decoder.decode(value, { stream: true });
                    let end;
                    while ((end = buffer.indexOf('\n\n')) >= 0) {
                        const block = buffer.slice(0, end);
                        buffer = buffer.slice(end + 2);
                        let id = null, data = '';
                        for (const line of block.split('\n')) {
                            if (line.startsWith('id:')) { id = Number(line.slice(3).trim()); }
                            if (line.startsWith('data:')) { data += line.slice(5).trim(); }
                        }
                        if (id !== null && id > last && data) { last = id; onEvent(JSON.parse(data)); }
                    }
                }
                if (isOver()) { return; }
                // The stream ended: the item is over (the last event says so), or the connection broke: resume.
                const done = await request('GET', path.replace(/\/events$/, ''), undefined, secret);
                if (done.status === 200 && ['closed', 'ended', 'cancelled'].includes(done.data.status) && !done.data.following) { return; }
            } catch {
                await sleep(2000);
            }
        }
    }

    // What was sent from this phone, newest first: { kind: 'sos'|'report', id, secret?, at }.
    const sent = () => store.get('sent', []);
    function remember(item) {
        store.set('sent', [item, ...sent().filter(s => s.id !== item.id)].slice(0, 20));
        listSent();
    }

    function listSent() {
        const items = sent();
        byId('citizen-sent').hidden = items.length === 0;
        const list = byId('citizen-sent-list');
        list.replaceChildren(...items.map(item => {
            const li = document.createElement('li');
            const b = document.createElement('button');
            b.type = 'button';
            b.dataset.testid = 'citizen-sent-item';
            b.dataset.kind = item.kind;
            b.dataset.id = item.id;
            b.textContent = (item.kind === 'sos' ? 'SOS' : t('App.Report')) + ' · ' + new Date(item.at).toLocaleString(language);
            b.addEventListener('click', () => item.kind === 'sos' ? resumeSos(item) : followReport(item.id));
            li.append(b);
            return li;
        }));
    }

    const me = () => store.get('me', { name: '', phone: '', anonymous: false });
    function loadMe() {
        const m = me();
        byId('citizen-name').value = m.name; byId('citizen-phone').value = m.phone; byId('citizen-anonymous').checked = m.anonymous;
    }
    const typedPhone = () => byId('citizen-phone').value.replace(/[\s()-]/g, '');
    byId('citizen-me-save').addEventListener('click', () => {
        store.set('me', { name: byId('citizen-name').value.trim(), phone: typedPhone(), anonymous: byId('citizen-anonymous').checked });
        byId('citizen-me').open = false;
    });

    // The phone number proved by a code sent by SMS (optional: an SOS and a report go the same without it).
    function phoneState(state, text) {
        const status = byId('citizen-phone-status');
        status.dataset.state = state;
        status.textContent = text;
        const sent = state === 'sent' || state === 'wrong';
        byId('citizen-phone-code').hidden = !sent;
        byId('citizen-phone-confirm').hidden = !sent;
        byId('citizen-phone-verify').hidden = state === 'verified';
    }
    function showVerified() {
        const verified = store.get('verifiedPhone', null);
        if (verified && verified === typedPhone()) { phoneState('verified', format('App.Verified', verified)); } else { phoneState('unverified', ''); }
    }
    byId('citizen-phone').addEventListener('input', showVerified);
    byId('citizen-phone-verify').addEventListener('click', async () => {
        const phone = typedPhone();
        const r = await request('POST', '/devices/' + encodeURIComponent(deviceId) + '/phone-verification', { phone, language });
        if (r.status === 202) { phoneState('sent', format('App.CodeSent', r.data.phone)); byId('citizen-phone-code').focus(); return; }
        phoneState('error', (r.data && r.data.detail) || t('App.CodeNotSent'));
    });
    byId('citizen-phone-confirm').addEventListener('click', async () => {
        const r = await request('POST', '/devices/' + encodeURIComponent(deviceId) + '/phone-verification/confirm', { code: byId('citizen-phone-code').value.trim() });
        if (r.status === 200) {
            store.set('verifiedPhone', r.data.phone);
            store.set('me', { ...me(), phone: r.data.phone });
            byId('citizen-phone-code').value = '';
            phoneState('verified', format('App.Verified', r.data.phone));
            return;
        }
        phoneState(r.status === 400 ? 'wrong' : 'error', (r.data && r.data.detail) || t('App.CodeNotSent'));
    });
    const identity = () => { const m = me(); return m.anonymous ? { anonymous: true } : { anonymous: false, name: m.name || undefined, phone: m.phone || undefined }; };

    // ---------------------------------------------------------------- where the phone is
    let fix = null;
    let watch = null;
    const methodOf = accuracy => accuracy <= 50 ? 'gnss' : accuracy <= 500 ? 'wifi' : 'cell';
    function locate() {
        if (watch !== null || !navigator.geolocation) { return; }
        watch = navigator.geolocation.watchPosition(p => {
            fix = { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: Math.max(1, Math.round(p.coords.accuracy || 1)), method: methodOf(p.coords.accuracy || 1), fixAt: new Date(p.timestamp || Date.now()).toISOString() };
            rerender();
        }, () => { rerender(); }, { enableHighAccuracy: true, maximumAge: 5000, timeout: 15000 });
    }
    function firstFix(ms) {
        return new Promise(resolve => {
            if (fix) { resolve(fix); return; }
            const started = Date.now();
            const look = () => { if (fix || Date.now() - started >= ms) { resolve(fix); } else { setTimeout(look, 100); } };
            look();
        });
    }
    async function battery() {
        try { const b = await navigator.getBattery(); return Math.round(b.level * 100); } catch { return undefined; }
    }

    // ---------------------------------------------------------------- SOS
    let sos = null;
    const statusWord = { sending: 'App.Status.sending', waiting: 'App.Status.waiting', connected: 'App.Status.connected', ended: 'App.Status.ended', cancelled: 'App.Status.cancelled', failed: 'App.Status.failed' };

    async function startSos(silent) {
        if (sos && !sos.over) { show('sos'); return; }
        locate();
        sos = { id: null, secret: null, silent, status: 'sending', events: [], chat: [], over: false, stream: null, publish: null, receive: null, receiving: false, publishes: 0, receives: 0, sentFix: null };
        show('sos');
        rerender();
        const local = silent ? Promise.resolve(null) : media();
        const requestId = uuid();
        const at = await firstFix(1500);
        const body = { clientRequestId: requestId, deviceId, ...identity(), silent, location: at || undefined, language, battery: await battery(), video: !silent };
        const r = await persist('POST', '/sos', body);
        if (r.status !== 202) { sos.status = 'failed'; sos.problem = r.data && r.data.detail; rerender(); return; }
        adopt(r.data);
        remember({ kind: 'sos', id: sos.id, secret: sos.secret, silent, at: Date.now() });
        run(sos, await local);
    }

    function adopt(view) {
        if (view.secret) { sos.secret = view.secret; }
        sos.id = view.sessionId;
        sos.status = view.status;
        sos.chat = view.chat || [];
        sos.over = ['ended', 'cancelled'].includes(view.status);
        sos.following = !!view.following;
        rerender();
    }

    async function resumeSos(item) {
        if (sos && sos.id === item.id) { show('sos'); return; }
        sos = { id: item.id, secret: item.secret, silent: item.silent, status: 'waiting', events: [], chat: [], over: false, publish: null, receive: null, receiving: false, publishes: 0, receives: 0, sentFix: null };
        show('sos');
        const r = await request('GET', '/sessions/' + item.id, undefined, item.secret);
        if (r.status !== 200) { sos.status = 'failed'; rerender(); return; }
        adopt(r.data);
        if (!sos.over) { locate(); run(sos, sos.silent ? null : await media()); } else if (sos.following) { run(sos, null); } else { sos.events = r.data.events; rerender(); }
    }

    async function media() {
        try { return await navigator.mediaDevices.getUserMedia({ audio: true, video: { facingMode: 'user', width: 640, height: 480 } }); } catch { }
        try { return await navigator.mediaDevices.getUserMedia({ audio: true }); } catch { return null; }
    }

    function run(current, stream) {
        if (stream) {
            const preview = byId('citizen-preview');
            preview.srcObject = stream;
            preview.hidden = stream.getVideoTracks().length === 0;
            publish(current, stream);
        }
        follow('/sessions/' + current.id + '/events', current.secret, event => {
            current.events.push(event);
            if (event.kind === 'operator-joined') { current.status = 'connected'; if (stream && !current.silent) { receive(current); } }
            if (event.kind === 'closed') { current.status = 'ended'; }
            if (event.kind === 'cancelled') { current.status = 'cancelled'; }
            if (event.kind === 'message') { refresh(current); }
            // After the call, the police's work on its incident: a patrol sent, on the scene, done.
            if (event.kind === 'incident') { current.following = true; }
            if (event.kind === 'incident-closed') { current.following = false; }
            if (['closed', 'cancelled'].includes(event.kind) && !current.ended) { finish(current, stream); }
            rerender();
        }, () => current.over && !current.following);
        track(current);
    }

    async function refresh(current) {
        const r = await request('GET', '/sessions/' + current.id, undefined, current.secret);
        if (r.status === 200 && current === sos) { current.chat = r.data.chat; rerender(); }
    }

    // The phone's fixes every few seconds while the call is on (only when it has moved or the last is getting old).
    async function track(current) {
        while (!current.over) {
            await sleep(4000);
            if (current.over || !fix) { continue; }
            const last = current.sentFix;
            if (last && last.fixAt === fix.fixAt) { continue; }
            const r = await request('POST', '/sessions/' + current.id + '/locations', { ...fix, battery: await battery() }, current.secret);
            if (r.status === 200) { current.sentFix = fix; }
            if (r.status === 409) { return; }
        }
    }

    function finish(current, stream) {
        current.over = true;
        current.ended = true;
        for (const pc of [current.publish, current.receive]) { if (pc) { pc.close(); } }
        if (stream) { stream.getTracks().forEach(track => track.stop()); }
        byId('citizen-operator-audio').srcObject = null;
        if (watch !== null) { navigator.geolocation.clearWatch(watch); watch = null; }
    }

    // The phone's camera and microphone to the media server, as a browser kiosk publishes: one offer, one answer; again
    // when the connection fails. Media failing never ends the call: the chat and the place go on.
    async function publish(current, stream) {
        const info = await request('GET', '/sessions/' + current.id + '/media', undefined, current.secret);
        current.iceServers = (info.data && info.data.iceServers) || [];
        for (let attempt = 0; attempt < 20 && !current.over; attempt++) {
            const pc = await sendOnlyOffer(stream, current.iceServers);
            current.publishes++;
            const r = await request('POST', '/sessions/' + current.id + '/media/publish', { sdp: pc.localDescription.sdp }, current.secret);
            if (r.status === 200 && !current.over) {
                await pc.setRemoteDescription({ type: 'answer', sdp: r.data.sdp });
                current.publish = pc;
                await ended(pc);
                current.publish = null;
            }
            pc.close();
            if (r.status === 409 || r.status === 404 || current.over) { return; }
            await sleep(2000);
        }
    }

    // The operator's voice, once their microphone is on the call.
    async function receive(current) {
        if (current.receiving || current.receive) { return; }
        current.receiving = true;
        try {
            for (let attempt = 0; attempt < 60 && !current.over; attempt++) {
                const r = await request('POST', '/sessions/' + current.id + '/media/receive', undefined, current.secret);
                if (r.status === 409 && r.data && r.data.reason === 'operator-audio-not-ready') { await sleep(500); continue; }
                if (r.status !== 200) { return; }
                const pc = await answerOffer(r.data.sdp, current.iceServers, byId('citizen-operator-audio'));
                current.receives++;
                const a = await request('POST', '/sessions/' + current.id + '/media/legs/' + encodeURIComponent(r.data.legId) + '/answer', { sdp: pc.localDescription.sdp }, current.secret);
                if (a.status === 204 && !current.over) { current.receive = pc; } else { pc.close(); }
                return;
            }
        } finally {
            current.receiving = false;
        }
    }

    async function say() {
        const input = byId('citizen-chat-text');
        const text = input.value.trim();
        if (!text || !sos || !sos.id || sos.over) { return; }
        const r = await persist('POST', '/sessions/' + sos.id + '/messages', { text }, sos.secret, undefined, 5);
        if (r && r.status === 200) { input.value = ''; sos.chat = r.data.chat; rerender(); }
    }

    // A photo, video or voice message sent in the chat: hashed, declared, uploaded, then sent with what is typed.
    async function sendFile(file) {
        if (!file || !sos || !sos.id || sos.over) { return; }
        const current = sos;
        if (!allowed.includes(file.type) || file.size > limit(file.type)) { current.fileProblem = format(allowed.includes(file.type) ? 'App.FileTooLarge' : 'App.FileType', file.name); rerender(); return; }
        current.fileProblem = null;
        const sha256 = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
        const declared = await persist('POST', '/sessions/' + current.id + '/attachments', { contentType: file.type, size: file.size, sha256 }, current.secret, undefined, 5);
        if (!declared || declared.status !== 201) { current.fileProblem = format('App.FileNotSent', file.name); rerender(); return; }
        if (!declared.data.stored) {
            const u = await persist('PUT', declared.data.upload.replace(api, ''), file, current.secret, file.type, 10);
            if (!u || (u.status !== 200 && u.status !== 201)) { current.fileProblem = format('App.FileNotSent', file.name); rerender(); return; }
        }
        const input = byId('citizen-chat-text');
        const text = input.value.trim();
        const r = await persist('POST', '/sessions/' + current.id + '/messages', { text: text || undefined, attachmentIds: [declared.data.attachmentId] }, current.secret, undefined, 5);
        if (r && r.status === 200) { input.value = ''; current.chat = r.data.chat; rerender(); }
    }

    // ---------------------------------------------------------------- reports
    const allowed = ['image/jpeg', 'image/png', 'image/heic', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm', 'audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/webm'];
    const limit = type => type.startsWith('video/') ? 100 * 1024 * 1024 : 10 * 1024 * 1024;
    const hex = buffer => Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
    let sending = false;

    async function sendReport() {
        if (sending) { return; }
        const error = byId('report-error');
        const files = Array.from(byId('report-files').files || []);
        const text = byId('report-text').value.trim();
        error.textContent = '';
        if (!text && files.length === 0) { error.textContent = t('App.ReportEmpty'); return; }
        if (files.length > 5) { error.textContent = t('App.TooManyFiles'); return; }
        for (const file of files) {
            if (!allowed.includes(file.type)) { error.textContent = format('App.FileType', file.name); return; }
            if (file.size > limit(file.type)) { error.textContent = format('App.FileTooLarge', file.name); return; }
        }
        sending = true;
        byId('report-send').disabled = true;
        try {
            if (byId('report-here').checked) { locate(); await firstFix(3000); }
            const attachments = [];
            for (const file of files) {
                attachments.push({ contentType: file.type, size: file.size, sha256: hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())) });
            }
            const body = {
                clientRequestId: uuid(), deviceId, category: byId('report-category').value, text: text || undefined, occurredAt: new Date().toISOString(),
                location: byId('report-here').checked && fix ? fix : undefined, ...identity(), language, attachments,
            };
            const r = await persist('POST', '/reports', body);
            if (r.status !== 202) { error.textContent = (r.data && r.data.detail) || t('App.NotSent'); return; }
            remember({ kind: 'report', id: r.data.reportId, at: Date.now() });
            for (let i = 0; i < files.length; i++) {
                const upload = r.data.attachments[i].upload;
                const u = await persist('PUT', upload.replace(api, ''), files[i], undefined, files[i].type, 10);
                if (!u || (u.status !== 200 && u.status !== 201)) { error.textContent = format('App.FileNotSent', files[i].name); }
            }
            byId('report-text').value = ''; byId('report-files').value = '';
            followReport(r.data.reportId);
        } finally {
            sending = false;
            byId('report-send').disabled = false;
        }
    }

    let report = null;
    async function followReport(reportId) {
        report = { id: reportId, view: null, events: [], over: false };
        const current = report;
        show('follow');
        const r = await request('GET', '/reports/' + reportId);
        if (r.status === 200) { current.view = r.data; }
        rerender();
        follow('/reports/' + reportId + '/events', null, async event => {
            current.events.push(event);
            if (event.kind === 'closed') { current.over = true; }
            const now = await request('GET', '/reports/' + reportId);
            if (now.status === 200) { current.view = now.data; }
            rerender();
        }, () => current.over || report !== current);
    }

    // ---------------------------------------------------------------- what the screen shows
    function eventText(e, call) {
        // An SOS's "closed" is its call ending; the police's work on its incident goes on after it.
        const key = call && e.kind === 'closed' ? 'App.Event.call-ended' : 'App.Event.' + e.kind;
        const said = e.etaMinutes ? t(key) + ' · ' + format('App.Eta', e.etaMinutes) : t(key);
        return e.text ? said + ': ' + e.text : said;
    }

    function eventList(list, events, call) {
        list.replaceChildren(...events.map(e => {
            const li = document.createElement('li');
            li.dataset.testid = 'citizen-event';
            li.dataset.kind = e.kind;
            li.textContent = new Date(e.at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' }) + ' ' + eventText(e, call);
            return li;
        }));
    }

    function rerender() {
        if (sos) {
            const status = byId('citizen-status');
            status.dataset.state = sos.status;
            status.textContent = sos.status === 'waiting' && sos.silent ? t('App.Status.waitingSilent') : t(statusWord[sos.status] || 'App.Status.waiting');
            const where = byId('citizen-location');
            where.dataset.hasFix = fix ? 'true' : 'false';
            where.textContent = fix ? format('App.Fix', fix.accuracy) : t('App.NoFix');
            eventList(byId('citizen-events'), sos.events, true);
            byId('citizen-chat').replaceChildren(...sos.chat.map(m => {
                const p = document.createElement('p');
                p.dataset.testid = 'citizen-chat-message';
                p.dataset.from = m.from;
                p.className = 'message ' + m.from;
                p.textContent = m.text;
                if (m.attachmentIds && m.attachmentIds.length) { p.textContent += (m.text ? ' · ' : '') + format('App.FilesSent', m.attachmentIds.length); }
                return p;
            }));
            byId('citizen-hang-up').hidden = sos.over || sos.status === 'failed';
            byId('citizen-back').hidden = !(sos.over || sos.status === 'failed');
            byId('citizen-chat-send').disabled = sos.over || !sos.id;
            // Once the call is over there is nobody to write to: the chat stays to read.
            document.querySelector('.chat-send').hidden = sos.over;
            byId('citizen-chat-error').textContent = sos.fileProblem || '';
        }
        if (report) {
            const view = report.view;
            byId('follow-title').textContent = t('App.Report');
            const status = byId('follow-status');
            status.dataset.state = view ? view.status : 'unknown';
            status.textContent = view ? t('App.ReportStatus.' + view.status) : '';
            byId('follow-files').textContent = view && view.attachments.length ? format('App.FilesStored', view.attachments.filter(a => a.stored).length, view.attachments.length) : '';
            eventList(byId('follow-events'), report.events);
        }
    }

    document.querySelectorAll('[data-language]').forEach(e => e.addEventListener('click', () => choose(e.dataset.language)));
    byId('citizen-sos').addEventListener('click', () => startSos(false));
    byId('citizen-silent-sos').addEventListener('click', () => startSos(true));
    byId('citizen-chat-send').addEventListener('click', say);
    byId('citizen-chat-file').addEventListener('change', async e => { const file = e.target.files && e.target.files[0]; await sendFile(file); e.target.value = ''; });
    byId('citizen-chat-text').addEventListener('keydown', e => { if (e.key === 'Enter') { say(); } });
    byId('citizen-hang-up').addEventListener('click', async () => {
        if (!sos || !sos.id) { return; }
        const r = await persist('POST', '/sessions/' + sos.id + '/cancel', undefined, sos.secret, undefined, 5);
        if (r && r.status === 200) { adopt(r.data); }
    });
    byId('citizen-back').addEventListener('click', () => show('home'));
    byId('citizen-report-open').addEventListener('click', () => { show('report'); });
    byId('report-cancel').addEventListener('click', () => show('home'));
    byId('report-send').addEventListener('click', sendReport);
    byId('follow-back').addEventListener('click', () => { report = null; show('home'); });

    // What tests read: the SOS's media as this phone sees it.
    window.sosCitizen = {
        async stats() {
            const result = { sessionId: sos && sos.id, publishes: sos ? sos.publishes : 0, receives: sos ? sos.receives : 0, videoFramesSent: 0, audioPacketsReceived: 0 };
            if (sos && sos.publish) { (await sos.publish.getStats()).forEach(s => { if (s.type === 'outbound-rtp' && s.kind === 'video') { result.videoFramesSent = s.framesSent || 0; } }); }
            if (sos && sos.receive) { (await sos.receive.getStats()).forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'audio') { result.audioPacketsReceived = s.packetsReceived || 0; } }); }
            return result;
        },
    };

    if ('serviceWorker' in navigator) { navigator.serviceWorker.register('/app/sw.js', { scope: '/app' }).catch(() => { }); }
    loadMe();
    showVerified();
    listSent();
    choose(language);
    show('home');
})();
