// The ringing call: a repeating two-tone alarm and a flashing tab title, until the call is answered or moves on.
window.sosConsole = (() => {
    let audio = null;
    let beepTimer = null;
    let titleTimer = null;
    let savedTitle = null;
    let ringing = false;
    let waiting = 0;
    let alarmLevel = 0;
    let alarmTimer = null;

    // The count of waiting calls leads the tab title on every page ("(3) Dispatch · Sos"), whatever page set the title.
    function titled() {
        const base = document.title.replace(/^\(\d+\) /, '');
        return waiting > 0 ? '(' + waiting + ') ' + base : base;
    }
    setInterval(() => { if (!ringing && document.title !== titled()) { document.title = titled(); } }, 500);

    function context() {
        if (!audio) {
            const Ctx = window.AudioContext || window.webkitAudioContext;
            audio = Ctx ? new Ctx() : null;
        }
        return audio;
    }

    // Browsers start audio only after a user gesture: any click on the console (such as "Available") unlocks it.
    document.addEventListener('click', () => { const ctx = context(); if (ctx && ctx.state === 'suspended') { ctx.resume(); } });

    function tone(ctx, frequency, start, duration) {
        const oscillator = ctx.createOscillator();
        const gain = ctx.createGain();
        oscillator.type = 'square';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
        oscillator.connect(gain).connect(ctx.destination);
        oscillator.start(start);
        oscillator.stop(start + duration + 0.02);
    }

    function beep() {
        const ctx = context();
        if (!ctx) { return; }
        const t = ctx.currentTime;
        const up = 1 + 0.12 * (ringLevelNow - 1);
        tone(ctx, 988 * up, t, 0.18);
        tone(ctx, 740 * up, t + 0.22, 0.18);
        tone(ctx, 988 * up, t + 0.44, 0.18);
    }

    let kiosk = '';
    let on = false;
    let ringLevelNow = 0;
    const urgency = ['', '', 'WAITING LONG', 'WAITING TOO LONG', 'OVER EVERY TARGET'];

    function ring(level) {
        ringLevelNow = Math.max(1, Math.min(level, 4));
        clearInterval(titleTimer);
        clearInterval(beepTimer);
        const words = urgency[ringLevelNow] ? ' \u2014 ' + urgency[ringLevelNow] : '';
        const alarm = '\u260E INCOMING SOS CALL' + (kiosk ? ' \u2014 ' + kiosk : '') + words;
        document.title = alarm;
        titleTimer = setInterval(() => { on = !on; document.title = on ? '\u2757\u2757\u2757 ANSWER NOW' : alarm; }, 700 - 100 * (ringLevelNow - 1));
        beep();
        beepTimer = setInterval(beep, 1500 - 250 * (ringLevelNow - 1));
    }

    return {
        // The ring escalates with the call's wait (level 1 within the first answering target, up to 4): the tone
        // repeats faster and higher, and the title says how urgent it is.
        startRinging(kioskName, level) {
            if (ringing) { return; }
            ringing = true;
            savedTitle = document.title;
            kiosk = kioskName || '';
            on = false;
            ring(level || 1);
        },
        ringLevel(level) {
            if (ringing && level !== ringLevelNow) { ring(level); }
        },
        stopRinging() {
            if (!ringing) { return; }
            ringing = false;
            ringLevelNow = 0;
            clearInterval(titleTimer);
            clearInterval(beepTimer);
            document.title = (savedTitle || 'Sos').replace(/^\(\d+\) /, '');
        },
        ringState() {
            return { ringing, level: ringLevelNow, audio: audio ? audio.state : 'none', title: document.title, waiting };
        },
        // The "no operator available" alarm: a low two-tone every few seconds, faster and higher at each level; 0 stops it.
        alarm(level) {
            alarmLevel = level;
            clearInterval(alarmTimer);
            alarmTimer = null;
            if (level <= 0) { return; }
            const sound = () => {
                const ctx = context();
                if (!ctx || ringing) { return; }
                const t = ctx.currentTime;
                tone(ctx, 440 + 110 * level, t, 0.25);
                tone(ctx, 330 + 110 * level, t + 0.3, 0.25);
            };
            sound();
            alarmTimer = setInterval(sound, Math.max(1000, 4000 - 800 * level));
        },
        alarmState() {
            return { level: alarmLevel };
        },
        setWaiting(count) {
            waiting = count;
            if (!ringing) { document.title = titled(); }
        },
    };
})();
