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
        tone(ctx, 988, t, 0.18);
        tone(ctx, 740, t + 0.22, 0.18);
        tone(ctx, 988, t + 0.44, 0.18);
    }

    return {
        startRinging(kioskName) {
            if (ringing) { return; }
            ringing = true;
            savedTitle = document.title;
            const alarm = '\u260E INCOMING SOS CALL' + (kioskName ? ' \u2014 ' + kioskName : '');
            let on = false;
            document.title = alarm;
            titleTimer = setInterval(() => { on = !on; document.title = on ? '\u2757\u2757\u2757 ANSWER NOW' : alarm; }, 700);
            beep();
            beepTimer = setInterval(beep, 1500);
        },
        stopRinging() {
            if (!ringing) { return; }
            ringing = false;
            clearInterval(titleTimer);
            clearInterval(beepTimer);
            document.title = (savedTitle || 'Sos').replace(/^\(\d+\) /, '');
        },
        ringState() {
            return { ringing, audio: audio ? audio.state : 'none', title: document.title, waiting };
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
