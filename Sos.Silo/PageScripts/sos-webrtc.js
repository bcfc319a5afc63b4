// What the browser kiosk and the citizen app share of WebRTC with Sos's media server: Sos signals one SDP offer and
// one answer per leg (no trickle), so every candidate is gathered first; a page publishes its camera and microphone
// send-only and answers the leg the media server offers for the operator's voice. Loaded before the page's own script.
window.sosWebRtc = (() => {
    'use strict';

    // A v4 UUID from the browser's random source (crypto.randomUUID needs a secure context; this does not).
    function uuid() {
        const b = crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
        const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
        return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    }

    // Every candidate first, then one offer or answer; a slow network gets three seconds.
    function gathered(pc) {
        return new Promise(resolve => {
            if (pc.iceGatheringState === 'complete') { resolve(); return; }
            pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') { resolve(); } });
            setTimeout(resolve, 3000);
        });
    }

    // A connection that sends the stream's tracks, its offer made and gathered: post pc.localDescription.sdp to Sos.
    async function sendOnlyOffer(stream, iceServers) {
        const pc = new RTCPeerConnection({ iceServers: iceServers || [] });
        stream.getTracks().forEach(track => pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] }));
        await pc.setLocalDescription(await pc.createOffer());
        await gathered(pc);
        return pc;
    }

    // The answer to a leg the media server offers (the operator's voice), played by `audio` as it arrives: post
    // pc.localDescription.sdp to Sos.
    async function answerOffer(sdp, iceServers, audio) {
        const pc = new RTCPeerConnection({ iceServers: iceServers || [] });
        pc.addEventListener('track', e => { audio.srcObject = e.streams[0] || new MediaStream([e.track]); audio.play().catch(() => { }); });
        await pc.setRemoteDescription({ type: 'offer', sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        await gathered(pc);
        return pc;
    }

    // Resolves when the connection has failed or closed (the media server lost, or the page closed it).
    function ended(pc) {
        return new Promise(resolve => pc.addEventListener('connectionstatechange', () => { if (['failed', 'closed'].includes(pc.connectionState)) { resolve(); } }));
    }

    return { uuid, gathered, sendOnlyOffer, answerOffer, ended };
})();
