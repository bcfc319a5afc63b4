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
    // The tab title's words, in the user's language (the page passes them as ringing starts).
    let words = { incoming: 'INCOMING SOS CALL', answerNow: 'ANSWER NOW', urgency: ['', '', 'WAITING LONG', 'WAITING TOO LONG', 'OVER EVERY TARGET'] };

    function ring(level) {
        ringLevelNow = Math.max(1, Math.min(level, 4));
        clearInterval(titleTimer);
        clearInterval(beepTimer);
        const urgent = words.urgency[ringLevelNow] ? ' \u2014 ' + words.urgency[ringLevelNow] : '';
        const alarm = '\u260E ' + words.incoming + (kiosk ? ' \u2014 ' + kiosk : '') + urgent;
        document.title = alarm;
        titleTimer = setInterval(() => { on = !on; document.title = on ? '\u2757\u2757\u2757 ' + words.answerNow : alarm; }, 700 - 100 * (ringLevelNow - 1));
        beep();
        beepTimer = setInterval(beep, 1500 - 250 * (ringLevelNow - 1));
    }

    // Keyboard: the dispatcher's shortcuts work on every page (Alt+A answers wherever a call rings); a focused field
    // keeps its own keys except for these Alt combinations.
    const shortcuts = {
        a: ['[data-testid=accept-call]', '[data-testid=ring-banner-answer]'],
        n: ['[data-testid=notes] textarea', 'textarea[data-testid=notes]'],
        m: ['[data-testid=media-mute]'],
        c: ['[data-testid=disposition] .mud-select-input', '[data-testid=disposition] input'],
        '1': ['[data-testid=presence-available]'],
        '2': ['[data-testid=presence-break]'],
        '3': ['[data-testid=presence-offline]'],
    };
    const focusOnly = { n: true, c: true };
    document.addEventListener('keydown', event => {
        if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
        const key = (event.key || '').toLowerCase();
        const code = event.code && event.code.startsWith('Key') ? event.code.substring(3).toLowerCase()
            : event.code && event.code.startsWith('Digit') ? event.code.substring(5) : key;
        const targets = shortcuts[code] || shortcuts[key];
        if (!targets) { return; }
        const element = targets.map(selector => document.querySelector(selector)).find(e => e && !e.disabled);
        if (!element) { return; }
        event.preventDefault();
        element.focus();
        if (!focusOnly[code] && !focusOnly[key]) { element.click(); }
    });

    return {
        // Moves the keyboard focus to the first element a selector finds (the ringing card's Answer, the notes).
        focus(selector) {
            const element = document.querySelector(selector);
            if (!element || element.disabled) { return false; }
            element.focus();
            return document.activeElement === element;
        },
        focused() {
            const element = document.activeElement;
            if (!element) { return null; }
            const owner = element.closest('[data-testid]');
            return owner ? owner.getAttribute('data-testid') : null;
        },
        // The ring escalates with the call's wait (level 1 within the first answering target, up to 4): the tone
        // repeats faster and higher, and the title says how urgent it is.
        startRinging(kioskName, level, said) {
            if (said) { words = said; }
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
